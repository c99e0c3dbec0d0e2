using Microsoft.Extensions.Time.Testing;
using Rtc.Local.Connections;

namespace Rtc.Local.Tests;

public sealed class QuotaTests
{
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    [Fact]
    public async Task FrameOver32KilobytesClosesWith1009AndSendsDisconnect()
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections);
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);

        await socket.SendAsync(new byte[33 * 1024], WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await socket.ReceiveCloseAsync());
        var disconnect = await connections.NextAsync(WebSocketRoutes.Disconnect);
        Assert.Equal(1009, disconnect.RequestContext.DisconnectStatusCode);
    }

    [Fact]
    public async Task MessageOver128KilobytesInSmallFramesClosesWith1009()
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections);
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);

        // 129 KB in frames of 21.5 KB, each under the frame quota.
        var frame = new byte[129 * 1024 / 6];
        for (var index = 0; index < 6; index++)
        {
            await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: index == 5, CancellationToken.None);
        }

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await socket.ReceiveCloseAsync());
        Assert.Equal(1009, (await connections.NextAsync(WebSocketRoutes.Disconnect)).RequestContext.DisconnectStatusCode);
        Assert.DoesNotContain(connections.RawEvents, json => json.Contains("\"routeKey\":\"$default\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessageOf128KilobytesInFramesUnderTheQuotaIsDelivered()
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections);
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);

        var frame = new byte[32 * 1024];
        for (var index = 0; index < 4; index++)
        {
            await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: index == 3, CancellationToken.None);
        }

        var message = await connections.NextAsync(WebSocketRoutes.Default);
        Assert.Equal(128 * 1024, Convert.FromBase64String(message.Body!).Length);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task IdleConnectionIsClosedAtTheIdleTimeoutAndSendsDisconnect()
    {
        var clock = new FakeTimeProvider();
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections, clock: clock);
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);
        var connection = await PumpRunningAsync(gateway, socket);

        // API Gateway's own quota (10 minutes), as the gateway runs by default.
        clock.Advance(TestGateway.Options.IdleTimeout - OneTick);
        Assert.Null(connection.CloseCause);
        clock.Advance(OneTick);

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await socket.ReceiveCloseAsync());
        var disconnect = await connections.NextAsync(WebSocketRoutes.Disconnect);
        Assert.Equal(1001, disconnect.RequestContext.DisconnectStatusCode);
        Assert.Equal("Going away", disconnect.RequestContext.DisconnectReason);
    }

    [Fact]
    public async Task MessagesKeepAConnectionFromGoingIdle()
    {
        var clock = new FakeTimeProvider();
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections, clock: clock);
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);
        var connection = await PumpRunningAsync(gateway, socket);
        var idle = TestGateway.Options.IdleTimeout;

        // A message just before each idle period ends, for three idle periods: each one resets the idle timer.
        for (var period = 0; period < 3; period++)
        {
            clock.Advance(idle - OneTick);
            Assert.Null(connection.CloseCause);
            await PingAsync(socket);
        }

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal(1, gateway.Connections.Count);

        // And once the messages stop, the connection goes idle a whole period after the last one.
        clock.Advance(idle);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await socket.ReceiveCloseAsync());
        Assert.Equal(1001, (await connections.NextAsync(WebSocketRoutes.Disconnect)).RequestContext.DisconnectStatusCode);
    }

    [Fact]
    public async Task ConnectionIsClosedAtTheMaximumDurationEvenWhenActive()
    {
        var clock = new FakeTimeProvider();
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections, clock: clock);
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);
        var connection = await PumpRunningAsync(gateway, socket);
        var (idle, maximum) = (TestGateway.Options.IdleTimeout, TestGateway.Options.MaxDuration);

        // Active throughout API Gateway's two hours: a message every half idle period, so idleness never closes it.
        var elapsed = TimeSpan.Zero;
        while (elapsed + idle / 2 < maximum)
        {
            clock.Advance(idle / 2);
            elapsed += idle / 2;
            await PingAsync(socket);
        }

        clock.Advance(maximum - elapsed - OneTick);
        Assert.Null(connection.CloseCause);
        clock.Advance(OneTick);

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await socket.ReceiveCloseAsync());
        Assert.Equal(1001, (await connections.NextAsync(WebSocketRoutes.Disconnect)).RequestContext.DisconnectStatusCode);
    }

    [Fact]
    public async Task NewConnectionsOverTheRateLimitAreRefusedWith429()
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections, TestGateway.Options with { ConnectRatePerSecond = 1 });

        using var first = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);

        Assert.Equal(429, await WebSocketClient.RefusedStatusAsync(gateway.WebSocketUri));
    }

    /// <summary>
    /// Waits, without sleeping, until the connection's pump is reading: its answer to a ping comes after it has
    /// started the idle and duration timers and restarted the idle one for that ping. Returns the connection.
    /// </summary>
    private static async Task<LiveConnection> PumpRunningAsync(LocalGateway gateway, ClientWebSocket socket)
    {
        await PingAsync(socket);
        return Assert.Single(gateway.Connections.All);
    }

    private static async Task PingAsync(ClientWebSocket socket)
    {
        await socket.SendTextAsync("{\"action\":\"ping\"}");
        Assert.Equal(ClientFrames.Pong, await socket.ReceiveTextAsync());
    }
}
