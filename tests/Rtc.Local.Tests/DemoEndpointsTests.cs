using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Rtc.Local.Tests;

/// <summary>The gateway's own endpoints for browsers and developers: the demo page, the client config, unsigned publishing.</summary>
public sealed class DemoEndpointsTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task TheDemoPageIsServedAtTheRootAndLoadsItsScriptAndStyle()
    {
        await using var real = await RealGateway.StartAsync();

        using var page = await Http.GetAsync(real.Gateway.BaseUri);
        var html = await page.Content.ReadAsStringAsync();
        using var script = await Http.GetAsync(new Uri(real.Gateway.BaseUri, "/@local/demo/demo.js"));
        using var style = await Http.GetAsync(new Uri(real.Gateway.BaseUri, "/@local/demo/demo.css"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("""<script type="module" src="/@local/demo/demo.js">""", html);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("""from "/@local/client/rtc-client.js";""", await script.Content.ReadAsStringAsync());
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheClientModuleIsTheRepositorysClientSourceByteForByte()
    {
        await using var real = await RealGateway.StartAsync();

        using var module = await Http.GetAsync(new Uri(real.Gateway.BaseUri, "/@local/client/rtc-client.js"));

        Assert.Equal("text/javascript", module.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(RepositoryPaths.PathOf("client/src/rtc-client.js")), await module.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnUnknownDemoFileIsForbiddenLikeAnyOtherPath()
    {
        await using var real = await RealGateway.StartAsync();

        using var response = await Http.GetAsync(new Uri(real.Gateway.BaseUri, "/@local/demo/secrets.txt"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TheFaviconABrowserAsksForIsNoContentNotAnError()
    {
        await using var real = await RealGateway.StartAsync();

        using var response = await Http.GetAsync(new Uri(real.Gateway.BaseUri, "/favicon.ico"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task ClientConfigDescribesTheRunningGateway()
    {
        await using var real = await RealGateway.StartAsync(TestGateway.Options with { MaxDuration = TimeSpan.FromMinutes(3) });

        var config = await ClientConfigAsync(real);

        Assert.Equal(real.Gateway.WebSocketUri.ToString(), config.GetProperty("url").GetString());
        Assert.Equal("test", config.GetProperty("stage").GetString());
        Assert.Equal("us-east-1", config.GetProperty("region").GetString());
        Assert.Equal(300, config.GetProperty("heartbeatSeconds").GetInt32());
        Assert.Equal(180, config.GetProperty("maxConnectionSeconds").GetInt32());
        AssertJson("""{"mode":"none","queryParameter":"user_id"}""", config.GetProperty("auth"));
        AssertJson("""{"enabled":true,"seconds":86400}""", config.GetProperty("history"));
    }

    [Fact]
    public async Task ClientConfigSaysWhenHistoryIsOff()
    {
        await using var real = await RealGateway.StartAsync(TestGateway.Options with { HistorySeconds = 0 });

        AssertJson("""{"enabled":false,"seconds":0}""", (await ClientConfigAsync(real)).GetProperty("history"));
    }

    [Fact]
    public async Task ClientConfigUnderJwtHasTheTokenOfferedAsASubprotocol()
    {
        await using var real = await RealGateway.StartAsync(TestGateway.Options with { Auth = AuthMode.Jwt });

        var config = await ClientConfigAsync(real);

        AssertJson("""{"mode":"jwt","tokenSource":"protocol","subprotocols":["rtc","<token>"]}""", config.GetProperty("auth"));
    }

    [Fact]
    public async Task ClientConfigHeartbeatStaysUnderAShortIdleTimeout()
    {
        await using var real = await RealGateway.StartAsync(TestGateway.Options with { IdleTimeout = TimeSpan.FromSeconds(30) });

        Assert.Equal(15, (await ClientConfigAsync(real)).GetProperty("heartbeatSeconds").GetInt32());
    }

    [Fact]
    public async Task ClientConfigNamesTheHostTheClientUsed()
    {
        await using var real = await RealGateway.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(real.Gateway.BaseUri, "/@local/client-config"));
        request.Headers.Host = $"localhost:{real.Gateway.Options.Port}";

        using var response = await Http.SendAsync(request);
        var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal($"ws://localhost:{real.Gateway.Options.Port}/test", config.GetProperty("url").GetString());
    }

    [Fact]
    public async Task PublishRunsThePublisherUnsignedAndAnswersWithItsResult()
    {
        // Signatures are required for the Invoke API; /@local/publish is the local, unsigned way in.
        await using var real = await RealGateway.StartAsync();
        using var alice = await EndToEndTests.ConnectAsync(real, "?user_id=alice");
        // A pong proves the gateway routes this connection's frames, so it can post to it too.
        await alice.SendTextAsync("""{"action":"ping"}""");
        Assert.Contains("pong", await alice.ReceiveTextAsync());

        var (status, result) = await PublishAsync(real, """{"userId":"alice","message":{"text":"hello"}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, result.GetProperty("delivered").GetInt32());
        Assert.Contains("\"text\":\"hello\"", await alice.ReceiveTextAsync());
    }

    [Fact]
    public async Task ADisconnectRequestEndsEveryConnectionOfTheUserAndNoOtherUsers()
    {
        await using var real = await RealGateway.StartAsync();
        var alice = new List<ClientWebSocket>();
        for (var i = 0; i < 3; i++)
        {
            alice.Add(await OpenAsync(real, "alice"));
        }

        using var bob = await OpenAsync(real, "bob");

        var (status, result) = await PublishAsync(real, """{"disconnect":{"userIds":["alice"],"reason":"signed out"}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        AssertJson("""{"users":1,"closed":3,"gone":0,"failed":[]}""", result);
        foreach (var socket in alice)
        {
            Assert.Equal("""{"type":"session_ended","reason":"signed out"}""", await socket.ReceiveTextAsync());
            Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.ReceiveCloseAsync());
            socket.Dispose();
        }

        // The rows are gone (a publish finds no connection of alice) and bob's connection is untouched.
        var (_, toAlice) = await PublishAsync(real, """{"userId":"alice","message":1}""");
        Assert.Equal(0, toAlice.GetProperty("connections").GetInt32());
        var (_, toBob) = await PublishAsync(real, """{"userId":"bob","message":{"text":"still here"}}""");
        Assert.Equal(1, toBob.GetProperty("delivered").GetInt32());
        Assert.Contains("still here", await bob.ReceiveTextAsync());
        Assert.Equal(WebSocketState.Open, bob.State);
    }

    // A connection whose handshake has completed: a pong proves the gateway routes its frames.
    private static async Task<ClientWebSocket> OpenAsync(RealGateway real, string userId)
    {
        var socket = await EndToEndTests.ConnectAsync(real, $"?user_id={userId}");
        await socket.SendTextAsync("""{"action":"ping"}""");
        Assert.Contains("pong", await socket.ReceiveTextAsync());
        return socket;
    }

    [Theory]
    [InlineData("not json", "InvalidRequestContent")]
    [InlineData("", "InvalidRequestContent")]
    [InlineData("""{"userId":"","message":1}""", "InvalidPublishRequest")]
    [InlineData("""{"message":1}""", "InvalidPublishRequest")]
    [InlineData("[1,2]", "InvalidPublishRequest")]
    public async Task BadPublishInputGetsA400NamingTheProblemAndTheGatewayCarriesOn(string body, string errorType)
    {
        await using var real = await RealGateway.StartAsync();

        var (status, error) = await PublishAsync(real, body);
        var (next, _) = await PublishAsync(real, """{"userId":"alice","message":1}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(errorType, error.GetProperty("errorType").GetString());
        Assert.NotEmpty(error.GetProperty("errorMessage").GetString()!);
        Assert.Equal(HttpStatusCode.OK, next);
    }

    [Fact]
    public async Task PublishInputThatIsNotUtf8GetsA400()
    {
        await using var real = await RealGateway.StartAsync();

        using var response = await Http.PostAsync(new Uri(real.Gateway.BaseUri, "/@local/publish"), new ByteArrayContent([0xff, 0xfe, 0x7b]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AnOversizedPublishBodyGetsA413()
    {
        await using var real = await RealGateway.StartAsync();

        var (status, error) = await PublishAsync(real, $$"""{"userId":"alice","message":"{{new string('x', 2 * 1024 * 1024)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("InvalidRequestContent", error.GetProperty("errorType").GetString());
    }

    private static void AssertJson(string expected, JsonElement actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual.GetRawText())), $"expected {expected}, got {actual.GetRawText()}");

    private static async Task<JsonElement> ClientConfigAsync(RealGateway real)
    {
        using var response = await Http.GetAsync(new Uri(real.Gateway.BaseUri, "/@local/client-config"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PublishAsync(RealGateway real, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync(new Uri(real.Gateway.BaseUri, "/@local/publish"), content);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }
}
