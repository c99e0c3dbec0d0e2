namespace Rtc.Functions.Tests.Connections;

/// <summary>
/// A management API that records every post and answers with the next <see cref="Scripted"/> outcome, else
/// <see cref="Outcome"/>, or throws <see cref="Failure"/>; with a <see cref="Latency"/> it also measures how many
/// posts were in flight at once.
/// </summary>
public sealed class RecordingManagementApi : IManagementApi
{
    private readonly InFlightGauge inFlight = new();

    /// <summary>What every call comes to once <see cref="Scripted"/> is empty. Default: delivered.</summary>
    public ManagementOutcome Outcome { get; set; } = ManagementOutcome.Delivered;

    /// <summary>Outcomes of the next calls, in order.</summary>
    public ConcurrentQueue<ManagementOutcome> Scripted { get; } = new();

    /// <summary>When set, every call throws it.</summary>
    public Exception? Failure { get; set; }

    /// <summary>How long each post takes. Default none (answered at once).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The most posts in flight at once.</summary>
    public int MaxInFlight => inFlight.Most;

    /// <summary>Every post: the connection and the message text, in order.</summary>
    public ConcurrentQueue<(string ConnectionId, string Message)> Posts { get; } = new();

    /// <inheritdoc />
    public async Task<ManagementResult> PostToConnectionAsync(string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        using var flight = inFlight.Enter();
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, cancellationToken);
        }

        Posts.Enqueue((connectionId, Encoding.UTF8.GetString(data.Span)));
        return Failure is null
            ? new ManagementResult(Scripted.TryDequeue(out var scripted) ? scripted : Outcome)
            : throw Failure;
    }

    /// <summary>Every DeleteConnection call, in order.</summary>
    public ConcurrentQueue<string> Deletes { get; } = new();

    /// <inheritdoc />
    public Task<ManagementResult> DeleteConnectionAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        Deletes.Enqueue(connectionId);
        return Task.FromResult(new ManagementResult(ManagementOutcome.Delivered));
    }
}
