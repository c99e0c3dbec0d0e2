using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Rtc.Functions.Runtime;
using Rtc.Testing;

namespace Rtc.Benchmarks.ColdStart;

/// <summary>
/// Lambda's Runtime API on loopback for one function process: <c>next</c> hands out queued events (holding the
/// request open until one is queued, as Lambda does) and every answer the function posts is timestamped when it
/// has fully arrived, so a measurement ends when the function's answer reached Lambda, not when the harness
/// got round to reading it.
/// </summary>
internal sealed class RuntimeApiStub : IAsyncDisposable
{
    private const string ApiPrefix = "/2018-06-01/runtime/";
    private const string NextPath = ApiPrefix + "invocation/next";
    private const string InvocationPrefix = ApiPrefix + "invocation/";

    private readonly Channel<(string RequestId, string EventJson)> events = Channel.CreateUnbounded<(string, string)>();
    private readonly Channel<RuntimeAnswer> answers = Channel.CreateUnbounded<RuntimeAnswer>();
    private readonly ConcurrentDictionary<string, long> handedOutAt = new(StringComparer.Ordinal);
    private LoopbackHttpServer server = null!;

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string HostAndPort => server.HostAndPort;

    /// <summary>Starts the stub on a free loopback port.</summary>
    public static async Task<RuntimeApiStub> StartAsync()
    {
        var stub = new RuntimeApiStub();
        stub.server = await LoopbackHttpServer.StartAsync(stub.HandleAsync);
        return stub;
    }

    /// <summary>Queues an event for the function's next <c>next</c> call.</summary>
    public void Enqueue(string requestId, string eventJson) => events.Writer.TryWrite((requestId, eventJson));

    /// <summary>The next answer the function posted, waiting for it until <paramref name="cancellationToken"/> fires.</summary>
    public ValueTask<RuntimeAnswer> NextAnswerAsync(CancellationToken cancellationToken) => answers.Reader.ReadAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (HttpMethods.IsGet(request.Method) && path == NextPath)
        {
            var (requestId, eventJson) = await events.Reader.ReadAsync(context.RequestAborted);
            context.Response.Headers[RuntimeApiHeaders.RequestId] = requestId;
            context.Response.Headers[RuntimeApiHeaders.DeadlineMs] =
                DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            context.Response.ContentType = "application/json";
            handedOutAt[requestId] = Stopwatch.GetTimestamp();
            await context.Response.WriteAsync(eventJson);
            return;
        }

        if (HttpMethods.IsPost(request.Method) && path.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
            var receivedAt = Stopwatch.GetTimestamp();
            // invocation/{id}/response, invocation/{id}/error, or init/error (no invocation).
            var segments = path.StartsWith(InvocationPrefix, StringComparison.Ordinal) ? path[InvocationPrefix.Length..].Split('/') : [];
            var requestId = segments is [var id, _] ? Uri.UnescapeDataString(id) : null;
            var invocation = requestId is not null && handedOutAt.TryRemove(requestId, out var handedOut)
                ? Stopwatch.GetElapsedTime(handedOut, receivedAt)
                : (TimeSpan?)null;
            answers.Writer.TryWrite(new RuntimeAnswer(path[ApiPrefix.Length..], segments is [_, "response"], body, receivedAt, invocation));
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}

/// <summary>What a function posted to the Runtime API.</summary>
/// <param name="Path">The path under <c>/2018-06-01/runtime/</c>, e.g. <c>invocation/req-1/response</c> or <c>init/error</c>.</param>
/// <param name="IsResponse">Whether it is an invocation's response (not an error).</param>
/// <param name="Body">What it posted.</param>
/// <param name="ReceivedAt">When it had fully arrived (<see cref="Stopwatch.GetTimestamp"/>).</param>
/// <param name="Invocation">From handing the event out on <c>next</c> to this answer; null for an init error.</param>
internal sealed record RuntimeAnswer(string Path, bool IsResponse, string Body, long ReceivedAt, TimeSpan? Invocation);
