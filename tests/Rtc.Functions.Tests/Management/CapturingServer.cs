using Microsoft.AspNetCore.Http.Features;
using Rtc.Testing.Signing;

namespace Rtc.Functions.Tests.Management;

/// <summary>A loopback management API that records every request and answers with a fixed status, error type and body.</summary>
public sealed class CapturingServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<CapturedRequest> requests = new();
    private LoopbackHttpServer server = null!;

    /// <summary>The status every request is answered with (200 unless set).</summary>
    public int Status { get; set; } = 200;

    /// <summary>The <c>x-amzn-ErrorType</c> sent back, if any.</summary>
    public string? ErrorType { get; set; }

    /// <summary>The response body, if any.</summary>
    public string? Body { get; set; }

    /// <summary>When set, requests are held until this task completes (to make the client time out).</summary>
    public Task? HoldUntil { get; set; }

    /// <summary>What arrived, in order.</summary>
    public IReadOnlyList<CapturedRequest> Requests => [.. requests];

    /// <summary>The server's base address.</summary>
    public Uri BaseAddress => server.BaseAddress;

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<CapturingServer> StartAsync()
    {
        var capturing = new CapturingServer();
        capturing.server = await LoopbackHttpServer.StartAsync(capturing.HandleAsync);
        return capturing;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        requests.Enqueue(new CapturedRequest(context.Request.Method, rawTarget, headers, body.ToArray()));

        if (HoldUntil is { } hold)
        {
            await Task.WhenAny(hold, Task.Delay(Timeout.Infinite, context.RequestAborted));
        }

        context.Response.StatusCode = Status;
        if (ErrorType is not null)
        {
            context.Response.Headers["x-amzn-ErrorType"] = ErrorType;
        }

        if (Body is not null)
        {
            await context.Response.WriteAsync(Body);
        }
    }
}
