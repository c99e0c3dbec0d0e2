using Microsoft.Playwright;
using Rtc.Browser.Tests.Support;
using Rtc.Contracts;
using Rtc.Local.Configuration;
using Rtc.Testing;
using Rtc.Testing.Gateway;

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
