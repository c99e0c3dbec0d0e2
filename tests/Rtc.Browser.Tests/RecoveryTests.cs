namespace Rtc.Browser.Tests;

/// <summary>
/// The client in the demo page across everything that ends a connection: the management API's DELETE, a network
/// drop the gateway never hears about, the maximum connection duration. Every message is shown once, in order.
/// </summary>
[Collection(Chromium.Collection)]
public sealed class RecoveryTests(Chromium chromium)
{
    [Fact]
    public async Task EveryMessageIsShownOnceAndInOrderWhileTheGatewayDropsTheConnection()
    {
        // --abrupt-drop: a socket that vanishes is forgotten without $disconnect, so its row lingers and the
        // publisher meets it (410) while the client reconnects.
        await using var gateway = await RealGateway.StartAsync(TestGateway.Options with { RequireSignature = false, AbruptDrop = true });
        await using var proxy = DroppingProxy.To(gateway.Gateway.BaseUri);
        await using var tab = await DemoTab.OpenAsync(chromium.Browser, proxy.BaseUri);
        await tab.ConnectAsync("ivan");
        await tab.WaitForStateAsync("open");

        var drops = 0;
        for (var n = 1; n <= 200; n++)
        {
            await LocalPublish.NumberAsync(gateway.Gateway.BaseUri, "ivan", n);
            if (n % 50 != 0 || n == 200)
            {
                continue;
            }

            // Each drop hits the connection that replaced the last one dropped.
            await Eventually.HoldsAsync(() => tab.Sockets.Count == drops + 1, "the page reconnected");
            await tab.WaitForStateAsync("open");
            if (n == 100)
            {
                proxy.DropAll();
            }
            else
            {
                await ManagementApi.DeleteNewestConnectionAsync(gateway.Gateway);
            }

            drops++;
        }

        await tab.WaitForSeqAsync(200);

        Assert.Equal(Enumerable.Range(1, 200).Select(n => new ShownMessage(n, LocalPublish.Shown(n))), await tab.MessagesAsync());
        Assert.Equal(drops + 1, tab.Sockets.Count);
    }

    [Fact]
    public async Task AFirstConnectionThatReceivedNothingGetsEverythingPublishedWhileItWasAway()
    {
        await using var gateway = await RealGateway.StartAsync();
        await using var proxy = DroppingProxy.To(gateway.Gateway.BaseUri);
        await using var tab = await DemoTab.OpenAsync(chromium.Browser, proxy.BaseUri);
        // judy has no stream yet: the page's baseline is {epoch: null, seq: 0}.
        await tab.ConnectAsync("judy");
        await tab.WaitForStateAsync("open");

        proxy.Refusing = true;
        proxy.DropAll();
        await tab.WaitForStateAsync("connecting");
        await LocalPublish.NumbersAsync(gateway.Gateway.BaseUri, "judy", 1, 5);
        proxy.Refusing = false;
        await tab.WaitForSeqAsync(5);

        Assert.Equal(Enumerable.Range(1, 5).Select(n => new ShownMessage(n, LocalPublish.Shown(n))), await tab.MessagesAsync());
    }

    [Fact]
    public async Task RolloverBeforeTheMaximumDurationIsMakeBeforeBreakAndLosesOrRepeatsNothing()
    {
        var log = new DisconnectLog();
        await using var gateway = await RealGateway.StartAsync(TestGateway.Options with { MaxDuration = TimeSpan.FromSeconds(4) }, log);
        await using var tab = await DemoTab.OpenAsync(chromium.Browser, gateway.Gateway.BaseUri);
        await tab.ConnectAsync("kate");
        await tab.WaitForStateAsync("open");

        // Bursts of five, each waited for on the page, until two rollovers have completed: bursts land before,
        // during and after each overlap.
        var published = 0;
        while (tab.Sockets.Count(socket => socket.ClosedAt is not null) < 2)
        {
            for (var burst = 0; burst < 5; burst++)
            {
                await LocalPublish.NumberAsync(gateway.Gateway.BaseUri, "kate", ++published);
            }

            await tab.WaitForSeqAsync(published);
            Assert.True(published < 5_000, "two rollovers did not happen");
        }

        await Eventually.HoldsAsync(() => log.Closes.Count >= 2, "the gateway reported both closes");

        Assert.Equal(Enumerable.Range(1, published).Select(n => new ShownMessage(n, LocalPublish.Shown(n))), await tab.MessagesAsync());
        var sockets = tab.Sockets;
        Assert.Equal(3, sockets.Count);
        for (var next = 1; next < sockets.Count; next++)
        {
            Assert.True(sockets[next].CreatedAt < sockets[next - 1].ClosedAt, $"socket {next + 1} was created after socket {next} closed");
            Assert.True(next < 2 || sockets[next].CreatedAt > sockets[next - 2].ClosedAt, $"sockets {next - 1} to {next + 1} were open at once");
        }

        // The client closed each old connection itself, before the gateway's maximum duration (1001) could.
        Assert.All(log.Closes, close => Assert.Equal((1000, "rollover"), close));
    }
}
