using System.Collections.Concurrent;
using System.Text;
using Rtc.Functions.Management;

namespace Rtc.Functions.Tests.Connections;

/// <summary>A management API that records every post and answers with <see cref="Outcome"/>, or throws <see cref="Failure"/>.</summary>
public sealed class RecordingManagementApi : IManagementApi
{
    /// <summary>What every call comes to. Default: delivered.</summary>
    public ManagementOutcome Outcome { get; set; } = ManagementOutcome.Delivered;

    /// <summary>When set, every call throws it.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Every post: the connection and the message text, in order.</summary>
    public ConcurrentQueue<(string ConnectionId, string Message)> Posts { get; } = new();

    /// <inheritdoc />
    public Task<ManagementResult> PostToConnectionAsync(string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        Posts.Enqueue((connectionId, Encoding.UTF8.GetString(data.Span)));
        return Failure is null ? Task.FromResult(new ManagementResult(Outcome)) : Task.FromException<ManagementResult>(Failure);
    }
}
