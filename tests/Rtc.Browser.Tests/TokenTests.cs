using Rtc.Contracts;
using Rtc.Local.Configuration;

namespace Rtc.Browser.Tests;

/// <summary>The demo page under <c>--auth jwt</c>: a fresh development token for every connection attempt.</summary>
[Collection(Chromium.Collection)]
public sealed class TokenTests(Chromium chromium)
{
    private static readonly GatewayOptions JwtOptions = TestGateway.Options with { Auth = AuthMode.Jwt, RequireSignature = false };

    [Fact]
    public async Task GetTokenIsCalledForEveryConnectionIncludingEachReconnect()
    {
        await using var gateway = await RealGateway.StartAsync(JwtOptions);
        await using var tab = await DemoTab.OpenAsync(chromium.Browser, gateway.Gateway.BaseUri);

        await tab.ConnectAsync("frank");
        await tab.WaitForStateAsync("open");
        for (var drop = 1; drop <= 2; drop++)
        {
            await ManagementApi.DeleteNewestConnectionAsync(gateway.Gateway);
            await tab.Page.WaitForFunctionAsync("() => document.getElementById('state').dataset.state !== 'open'");
            await tab.WaitForStateAsync("open");
        }

        Assert.Equal(3, tab.Sockets.Count);
        Assert.Equal(3, tab.TokenRequests);
    }

    [Fact]
    public async Task AShortLivedTokenIsRefreshedBeforeItExpiresMakeBeforeBreakLosingNothing()
    {
        var log = new DisconnectLog();
        await using var gateway = await RealGateway.StartAsync(JwtOptions, log);
        // Every development token the page fetches expires 20 s after it is minted: the client rolls over with a
        // fresh one 5 to 10 s before that (a quarter to a half of a short token's lifetime).
        await using var tab = await DemoTab.OpenAsync(chromium.Browser, gateway.Gateway.BaseUri, context =>
            context.RouteAsync(url => new Uri(url).AbsolutePath == "/@local/token", route =>
                route.ContinueAsync(new RouteContinueOptions { Url = route.Request.Url + "&ttl=20" })));
        await tab.ConnectAsync("heidi");
        await tab.WaitForStateAsync("open");

        // Bursts of five, each waited for on the page, until the first connection has been replaced.
        var published = 0;
        var since = System.Diagnostics.Stopwatch.StartNew();
        while (tab.Sockets.Count(socket => socket.ClosedAt is not null) < 1)
        {
            for (var burst = 0; burst < 5; burst++)
            {
                await LocalPublish.NumberAsync(gateway.Gateway.BaseUri, "heidi", ++published);
            }

            await tab.WaitForSeqAsync(published);
            Assert.True(since.Elapsed < TimeSpan.FromSeconds(30), "no refresh within 30 s of a 20-s token");
        }

        await Eventually.HoldsAsync(() => log.Closes.Count >= 1, "the gateway reported the close");

        Assert.Equal(Enumerable.Range(1, published).Select(n => new ShownMessage(n, LocalPublish.Shown(n))), await tab.MessagesAsync());
        var sockets = tab.Sockets;
        Assert.Equal(2, sockets.Count);
        Assert.Equal(2, tab.TokenRequests);
        Assert.True(sockets[1].CreatedAt < sockets[0].ClosedAt, "the new connection was created after the old one closed");
        var lived = sockets[0].ClosedAt!.Value - sockets[0].CreatedAt;
        Assert.True(lived < TimeSpan.FromSeconds(20), $"the first connection lived {lived.TotalSeconds:0.0} s, past its token's expiry");
        // The client closed the old connection itself, as a rollover.
        Assert.Equal((1000, "rollover"), log.Closes[0]);
    }

    [Fact]
    public async Task ARefusedTokenLeadsToBackoffNotATightLoop()
    {
        await using var gateway = await RealGateway.StartAsync(JwtOptions);
        // The token endpoint hands out a token the authorizer refuses (401, which a browser sees as 1006), and
        // the page's jitter is pinned to the middle of each window, so the waits are exactly half of
        // min(30 s, 0.5 s x 2^attempt): 250, 500, 1000 and 2000 ms.
        await using var tab = await DemoTab.OpenAsync(chromium.Browser, gateway.Gateway.BaseUri, async context =>
        {
            await context.AddInitScriptAsync("Math.random = () => 0.5;");
            await context.RouteAsync(url => new Uri(url).AbsolutePath == "/@local/token", route => route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 200,
                ContentType = "application/json",
                Body = """{"token":"not.a-valid.jwt"}""",
            }));
        });

        await tab.ConnectAsync("grace");
        await Eventually.HoldsAsync(() => tab.Sockets.Count >= 5, "five refused attempts");

        var created = tab.Sockets.Select(socket => socket.CreatedAt.TotalMilliseconds).ToArray();
        double[] waits = [250, 500, 1000, 2000];
        for (var attempt = 0; attempt < waits.Length; attempt++)
        {
            var gap = created[attempt + 1] - created[attempt];
            Assert.True(gap >= waits[attempt] * 0.9, $"attempt {attempt + 2} came {gap:0} ms after the one before; the backoff wait is {waits[attempt]} ms");
        }

        Assert.Equal(tab.Sockets.Count, tab.TokenRequests);
        Assert.Equal("connecting", await tab.Page.GetAttributeAsync("#state", "data-state"));
    }
}
