using System.Net.WebSockets;
using Rtc.Contracts;
using Rtc.Local.Tests.Support;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

public sealed class QuotaTests
{
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
    public async Task IdleConnectionIsClosedAndSendsDisconnect()
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections, TestGateway.Options with { IdleTimeout = TimeSpan.FromMilliseconds(300) });
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await socket.ReceiveCloseAsync());
        var disconnect = await connections.NextAsync(WebSocketRoutes.Disconnect);
        Assert.Equal(1001, disconnect.RequestContext.DisconnectStatusCode);
        Assert.Equal("Going away", disconnect.RequestContext.DisconnectReason);
    }

    [Fact]
    public async Task MessagesKeepAConnectionFromGoingIdle()
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections, TestGateway.Options with { IdleTimeout = TimeSpan.FromSeconds(2) });
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);
        var connectedAt = DateTimeOffset.UtcNow;

        // Messages every 100 ms for more than two idle periods: each one resets the idle timer.
        while (DateTimeOffset.UtcNow - connectedAt < TimeSpan.FromSeconds(4.5))
        {
            await socket.SendTextAsync("{\"action\":\"ping\"}");
            await socket.ReceiveTextAsync();
            // Pacing, not synchronisation: the behaviour under test is time passing between messages.
            await Task.Delay(100);
        }

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal(1, gateway.Connections.Count);
    }

    [Fact]
    public async Task ConnectionIsClosedAtTheMaximumDurationEvenWhenActive()
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections, TestGateway.Options with { MaxDuration = TimeSpan.FromMilliseconds(500) });
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);

        await socket.SendTextAsync("hello");
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
}
