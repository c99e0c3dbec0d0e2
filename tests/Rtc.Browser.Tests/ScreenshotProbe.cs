using Rtc.Browser.Tests.Support;
using Rtc.Testing.Gateway;

namespace Rtc.Browser.Tests;

[Collection(Chromium.Collection)]
public sealed class ScreenshotProbe(Chromium chromium)
{
    [Fact]
    public async Task Shoot()
    {
        await using var gateway = await RealGateway.StartAsync();
        await using var tab = await DemoTab.OpenAsync(chromium.Browser, gateway.Gateway.BaseUri);
        await tab.Page.SetViewportSizeAsync(1200, 720);
        await tab.ConnectAsync("alice");
        await tab.WaitForStateAsync("open");
        await tab.PublishFromFormAsync("alice", """{"text":"hello"}""");
        await tab.Page.ScreenshotAsync(new() { Path = "/tmp/demo-shot.png" });
    }
}
