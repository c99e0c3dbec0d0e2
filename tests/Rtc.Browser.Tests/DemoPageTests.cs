using Rtc.Testing.Clients;

namespace Rtc.Browser.Tests;

/// <summary>The demo page the gateway serves at <c>GET /</c>, used as a developer would.</summary>
[Collection(Chromium.Collection)]
public sealed class DemoPageTests(Chromium chromium)
{
    [Fact]
    public async Task ManyNotificationsScrollInTheirListWhileTheBadgeAndConnectionPanelStayInViewAndNothingErrs()
    {
        await using var gateway = await RealGateway.StartAsync(TestGateway.Options with { RequireSignature = false });
        var errors = new List<string>();
        await using var tab = await DemoTab.OpenAsync(chromium.Browser, gateway.Gateway.BaseUri, context =>
        {
            // A resource the page asks for that answers an error (a 403 favicon) shows here.
            context.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    lock (errors)
                    {
                        errors.Add(message.Text);
                    }
                }
            };
            return Task.CompletedTask;
        });
        await tab.Page.SetViewportSizeAsync(1280, 720);
        await tab.ConnectAsync("iris");
        await tab.WaitForStateAsync("open");

        await LocalPublish.NumbersAsync(gateway.Gateway.BaseUri, "iris", 1, 120);
        await tab.WaitForMessagesAsync(120);

        var layout = await tab.Page.EvaluateAsync<double[]>("""
            () => {
              const bottom = selector => document.querySelector(selector).getBoundingClientRect().bottom;
              const list = document.querySelector('#messages');
              return [document.scrollingElement.scrollHeight - window.innerHeight, bottom('#state'), bottom('#connect-form'),
                      window.innerHeight, list.scrollHeight - list.clientHeight];
            }
            """);
        Assert.True(layout[0] <= 0, $"the page scrolls by {layout[0]} px");
        Assert.True(layout[1] <= layout[3] && layout[2] <= layout[3], "the state badge and the connection form are in view");
        Assert.True(layout[4] > 0, "the notification list scrolls");
        lock (errors)
        {
            Assert.Empty(errors);
        }
    }

    [Fact]
    public async Task MessagesFromThePageFormAndFromTheAwsCliAppearWithConsecutiveSeq()
    {
        // Signatures checked, as by default: the AWS CLI signs with the local credentials.
        await using var gateway = await RealGateway.StartAsync();
        await using var tab = await DemoTab.OpenAsync(chromium.Browser, gateway.Gateway.BaseUri);
        await tab.ConnectAsync("alice");
        await tab.WaitForStateAsync("open");

        var formResult = await tab.PublishFromFormAsync("alice", """{"text":"from the form"}""");
        await tab.WaitForMessagesAsync(1);
        var (cli, response) = await LambdaCli.InvokeAsync(gateway.Gateway, "publisher", """{"userId":"alice","message":{"text":"from the AWS CLI"}}""");
        await tab.WaitForMessagesAsync(2);

        Assert.StartsWith("200 ", formResult);
        Assert.Contains("\"delivered\":1", formResult);
        Assert.True(cli.ExitCode == 0, cli.Error);
        Assert.Contains("\"delivered\":1", response);
        Assert.Equal(
            [new ShownMessage(1, """{"text":"from the form"}"""), new ShownMessage(2, """{"text":"from the AWS CLI"}""")],
            await tab.MessagesAsync());
    }

    [Fact]
    public async Task AReloadResumesFromThePositionKeptInSessionStorage()
    {
        await using var gateway = await RealGateway.StartAsync();
        var publish = gateway.Gateway.BaseUri;
        await using var tab = await DemoTab.OpenAsync(chromium.Browser, publish);
        await tab.ConnectAsync("erin");
        await tab.WaitForStateAsync("open");
        await LocalPublish.NumbersAsync(publish, "erin", 1, 3);
        await tab.WaitForSeqAsync(3);

        await tab.ReloadAsync();
        // Published while the reloaded page is not connected: a page that started afresh would take seq 5 as
        // its baseline and never show these two.
        await LocalPublish.NumbersAsync(publish, "erin", 4, 5);
        Assert.Equal("erin", await tab.UserFieldAsync());
        await tab.PressConnectAsync();
        await tab.WaitForSeqAsync(5);

        Assert.Equal([new ShownMessage(4, LocalPublish.Shown(4)), new ShownMessage(5, LocalPublish.Shown(5))], await tab.MessagesAsync());
    }

    [Fact]
    public async Task WithHistoryOffMessagesArriveWithoutSeqAndAReconnectGivesAReset()
    {
        await using var gateway = await RealGateway.StartAsync(TestGateway.Options with { RequireSignature = false, HistorySeconds = 0 });
        var publish = gateway.Gateway.BaseUri;
        await using var tab = await DemoTab.OpenAsync(chromium.Browser, publish);
        await tab.ConnectAsync("henry");
        await tab.WaitForStateAsync("open");
        await LocalPublish.NumberAsync(publish, "henry", 1);
        await tab.WaitForMessagesAsync(1);

        await ManagementApi.DeleteNewestConnectionAsync(gateway.Gateway);
        await tab.WaitForResetsAsync(1);
        await tab.WaitForStateAsync("open");
        await LocalPublish.NumberAsync(publish, "henry", 2);
        await tab.WaitForMessagesAsync(2);

        Assert.Equal([new ShownMessage(null, LocalPublish.Shown(1)), new ShownMessage(null, LocalPublish.Shown(2))], await tab.MessagesAsync());
        Assert.Equal(["history_disabled"], await tab.ResetsAsync());
    }
}
