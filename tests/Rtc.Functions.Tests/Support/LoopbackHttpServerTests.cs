namespace Rtc.Functions.Tests.Support;

public sealed class LoopbackHttpServerTests
{
    [Fact]
    public async Task AnswersOnLoopbackWithTheGivenDelegate()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => context.Response.WriteAsync("hello " + context.Request.Path));
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        var text = await client.GetStringAsync("/there");

        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.Equal("hello /there", text);
    }
}
