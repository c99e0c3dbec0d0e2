using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Rtc.Functions.Runtime;

namespace Rtc.Testing.Runtime;

/// <summary>
/// The Lambda Runtime API on loopback: hands out queued events on <c>next</c> (holding the request open until one
/// is queued, as Lambda does) and records every post, timestamped (<see cref="Stopwatch.GetTimestamp"/>) as it
/// arrives: when the first <c>next</c> came, when each event went out and when each answer was in.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private const string InvocationPrefix = "/2018-06-01/runtime/invocation/";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);
    private readonly Channel<(string RequestId, string EventJson, string? TraceId, string DeadlineMs)> events = Channel.CreateUnbounded<(string, string, string?, string)>();
    private readonly Channel<RuntimePost> posts = Channel.CreateUnbounded<RuntimePost>();
    private readonly ConcurrentDictionary<string, long> handedOutAt = new(StringComparer.Ordinal);
    private long firstNextAt;
    private LoopbackHttpServer server = null!;

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string HostAndPort => server.HostAndPort;

    /// <summary>When the function first asked for an event (<see cref="Stopwatch.GetTimestamp"/>); null until it has.</summary>
    public long? FirstNextRequestedAt => Interlocked.Read(ref firstNextAt) is var at and not 0 ? at : null;

    /// <summary>Starts the fake on a free loopback port.</summary>
    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var fake = new FakeRuntimeApi();
        fake.server = await LoopbackHttpServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    /// <summary>Queues an event for the function's next <c>next</c> call.</summary>
    public void Enqueue(string requestId, string eventJson, string? traceId = null, DateTimeOffset? deadline = null) =>
        events.Writer.TryWrite((requestId, eventJson, traceId,
            (deadline ?? DateTimeOffset.UtcNow.AddMinutes(5)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));

    /// <summary>Queues an event whose <c>Lambda-Runtime-Deadline-Ms</c> header is <paramref name="deadlineMs"/> as written, for what no real deadline looks like.</summary>
    public void EnqueueWithDeadlineHeader(string requestId, string eventJson, string deadlineMs) =>
        events.Writer.TryWrite((requestId, eventJson, null, deadlineMs));

    /// <summary>The next post the function made, waiting for it.</summary>
    public async Task<RuntimePost> NextPostAsync() => await posts.Reader.ReadAsync().AsTask().WaitAsync(WaitLimit);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Method == "GET" && request.Path == "/2018-06-01/runtime/invocation/next")
        {
            Interlocked.CompareExchange(ref firstNextAt, Stopwatch.GetTimestamp(), 0);
            var (requestId, eventJson, traceId, deadlineMs) = await events.Reader.ReadAsync(context.RequestAborted);
            context.Response.Headers[RuntimeApiHeaders.RequestId] = requestId;
            context.Response.Headers[RuntimeApiHeaders.DeadlineMs] = deadlineMs;
            context.Response.Headers[RuntimeApiHeaders.InvokedFunctionArn] = "arn:aws:lambda:us-east-1:123456789012:function:rtc-dev-connections";
            if (traceId is not null)
            {
                context.Response.Headers[RuntimeApiHeaders.TraceId] = traceId;
            }

            context.Response.ContentType = "application/json";
            handedOutAt[requestId] = Stopwatch.GetTimestamp();
            await context.Response.WriteAsync(eventJson);
            return;
        }

        if (request.Method == "POST")
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var receivedAt = Stopwatch.GetTimestamp();
            var errorType = request.Headers.TryGetValue(RuntimeApiHeaders.FunctionErrorType, out var value) ? value.ToString() : null;
            // invocation/{id}/response or invocation/{id}/error; init/error answers no event.
            var path = request.Path.Value!;
            var requestId = path.StartsWith(InvocationPrefix, StringComparison.Ordinal) && path[InvocationPrefix.Length..].Split('/') is [var id, _]
                ? Uri.UnescapeDataString(id)
                : null;
            long? handedOut = requestId is not null && handedOutAt.TryRemove(requestId, out var at) ? at : null;
            posts.Writer.TryWrite(new RuntimePost(path, body, errorType, receivedAt, handedOut));
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
