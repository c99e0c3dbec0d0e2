using System.Text.Json;
using System.Threading.Channels;
using Rtc.Contracts;
using Rtc.Functions.Runtime;

namespace Rtc.Testing.Gateway;

/// <summary>A stand-in connections function: records every event and answers with <see cref="Respond"/>.</summary>
public sealed class RecordingConnectionsHandler : IInvocationHandler
{
    private readonly Channel<WebSocketRequest> events = Channel.CreateUnbounded<WebSocketRequest>();

    /// <summary>The answer to each event; 200 unless a test says otherwise.</summary>
    public Func<WebSocketRequest, WebSocketResponse> Respond { get; set; } = _ => new WebSocketResponse { StatusCode = 200 };

    /// <summary>Every event's raw JSON, in arrival order.</summary>
    public List<string> RawEvents { get; } = [];

    /// <inheritdoc />
    public Task<string> HandleAsync(string eventJson, InvocationContext context, CancellationToken cancellationToken = default)
    {
        var request = JsonSerializer.Deserialize(eventJson, ContractsJsonContext.Default.WebSocketRequest)!;
        lock (RawEvents)
        {
            RawEvents.Add(eventJson);
        }

        events.Writer.TryWrite(request);
        return Task.FromResult(JsonSerializer.Serialize(Respond(request), ContractsJsonContext.Default.WebSocketResponse));
    }

    /// <summary>The next event for <paramref name="routeKey"/>, skipping others; fails after a deadline.</summary>
    public async Task<WebSocketRequest> NextAsync(string routeKey)
    {
        using var deadline = new CancellationTokenSource(Eventually.WaitLimit);
        while (true)
        {
            var request = await events.Reader.ReadAsync(deadline.Token);
            if (request.RequestContext.RouteKey == routeKey)
            {
                return request;
            }
        }
    }
}
