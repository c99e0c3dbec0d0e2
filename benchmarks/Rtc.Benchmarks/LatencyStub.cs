using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Rtc.Testing;

namespace Rtc.Benchmarks;

/// <summary>
/// A loopback management API that answers every post with 200 after a fixed latency. The wait is an async
/// delay, so a thousand waiting posts hold no threads; it counts the messages each connection receives.
/// </summary>
/// <remarks>
/// Not Rtc.Testing's <c>ManagementApiStub</c>: that one keeps a copy of every delivered body (and scripts answers)
/// for tests to inspect, and the fan-out benchmark reports the CPU of its whole process, stub included, per run;
/// this one discards the bodies, so the CPU figure is the publisher's and not the stub's bookkeeping.
/// </remarks>
internal sealed class LatencyStub(LoopbackHttpServer server, Uri stageUri, TimeSpan latency) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> received = new(StringComparer.Ordinal);
    private readonly InFlightGauge inFlight = new();

    /// <summary>The stage URL a management client posts under.</summary>
    public Uri StageUri { get; } = stageUri;

    /// <summary>The most posts in flight at once since the last <see cref="Reset"/>.</summary>
    public int MaxInFlight => inFlight.Most;

    /// <summary>Starts the stub on a free loopback port.</summary>
    public static async Task<LatencyStub> StartAsync(TimeSpan latency)
    {
        // The handler needs the stub and the stub needs the bound port: the delegate reads it once it is set.
        LatencyStub? stub = null;
        var server = await LoopbackHttpServer.StartAsync(context => stub!.HandleAsync(context));
        stub = new LatencyStub(server, new Uri(server.BaseAddress, "bench"), latency);
        return stub;
    }

    /// <summary>How many messages each connection received since the last <see cref="Reset"/>.</summary>
    public IReadOnlyDictionary<string, int> Received => received;

    /// <summary>Forgets the counts of the previous run.</summary>
    public void Reset()
    {
        received.Clear();
        inFlight.Reset();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var flight = inFlight.Enter();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        await context.Request.Body.CopyToAsync(Stream.Null);
        await Task.Delay(latency);
        received.AddOrUpdate(Uri.UnescapeDataString(rawTarget[(rawTarget.LastIndexOf('/') + 1)..]), 1, (_, count) => count + 1);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
