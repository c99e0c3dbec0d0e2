using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rtc.Contracts;
using Rtc.Local.Tests.Support;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

public sealed partial class WebSocketEndpointTests
{
    [Fact]
    public async Task ConnectEventCarriesHeadersQueryAndRequestContextLikeApiGateway()
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections);

        using var socket = await WebSocketClient.ConnectAsync(new Uri(gateway.WebSocketUri + "?user_id=alice&tag=a&tag=b"),
            options => options.SetRequestHeader("User-Agent", "test-agent/1.0"));
        var connect = await connections.NextAsync(WebSocketRoutes.Connect);

        var context = connect.RequestContext;
        Assert.Equal("CONNECT", context.EventType);
        Assert.Matches(ConnectionIdFormat(), context.ConnectionId);
        Assert.Equal("test", context.Stage);
        Assert.Equal(gateway.Options.ApiId, context.ApiId);
        Assert.Equal(gateway.BaseUri.Authority, context.DomainName);
        Assert.Equal("IN", context.MessageDirection);
        Assert.Null(context.MessageId);
        Assert.Equal("127.0.0.1", context.Identity!.SourceIp);
        Assert.Equal("test-agent/1.0", context.Identity.UserAgent);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - context.ConnectedAt, 0, 60_000);
        Assert.Equal(context.ConnectedAt, context.RequestTimeEpoch);
        Assert.Matches(RequestTimeFormat(), context.RequestTime);
        Assert.NotNull(context.RequestId);
        Assert.NotNull(context.ExtendedRequestId);
        Assert.Equal("alice", connect.QueryStringParameters!["user_id"]);
        Assert.Equal(["a", "b"], connect.MultiValueQueryStringParameters!["tag"]);
        Assert.Equal("b", connect.QueryStringParameters["tag"]);
        Assert.Equal(gateway.BaseUri.Authority, connect.Headers!["Host"]);
        Assert.True(connect.Headers.ContainsKey("Sec-WebSocket-Key"));
        Assert.Equal("13", connect.MultiValueHeaders!["Sec-WebSocket-Version"].Single());
        Assert.StartsWith("Root=1-", connect.Headers["X-Amzn-Trace-Id"]);
        Assert.Equal("127.0.0.1", connect.Headers["X-Forwarded-For"]);
        Assert.Null(connect.Body);
    }

    [Fact]
    public async Task ConnectEventHasNoQueryParametersWhenTheUrlHasNone()
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections);

        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);
        await connections.NextAsync(WebSocketRoutes.Connect);

        var raw = JsonDocument.Parse(connections.RawEvents.Single()).RootElement;
        Assert.Equal(JsonValueKind.Null, raw.GetProperty("queryStringParameters").ValueKind);
        Assert.Equal(JsonValueKind.Null, raw.GetProperty("multiValueQueryStringParameters").ValueKind);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    public async Task NonSuccessConnectAnswerRefusesTheHandshakeWithThatStatus(int status)
    {
        var connections = new RecordingConnectionsHandler { Respond = _ => new WebSocketResponse { StatusCode = status } };
        await using var gateway = await TestGateway.StartAsync(connections);

        Assert.Equal(status, await WebSocketClient.RefusedStatusAsync(gateway.WebSocketUri));
        Assert.Equal(0, gateway.Connections.Count);
    }

    [Fact]
    public async Task SubprotocolReturnedByConnectIsEchoedInTheHandshake()
    {
        var connections = new RecordingConnectionsHandler
        {
            Respond = request => new WebSocketResponse
            {
                StatusCode = 200,
                Headers = request.RequestContext.RouteKey == WebSocketRoutes.Connect ? new() { ["Sec-WebSocket-Protocol"] = "rtc" } : null,
            },
        };
        await using var gateway = await TestGateway.StartAsync(connections);

        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri, options =>
        {
            options.AddSubProtocol("rtc");
            options.AddSubProtocol("secret-token");
        });
        var connect = await connections.NextAsync(WebSocketRoutes.Connect);

        Assert.Equal("rtc", socket.SubProtocol);
        Assert.Equal("rtc, secret-token", connect.Headers!["Sec-WebSocket-Protocol"]);
    }

    [Theory]
    [InlineData("{\"action\":\"dance\"}", WebSocketRoutes.Default)]
    [InlineData("{\"action\":\"$connect\"}", WebSocketRoutes.Default)]
    [InlineData("{\"action\":7}", WebSocketRoutes.Default)]
    [InlineData("not json", WebSocketRoutes.Default)]
    [InlineData("[\"ping\"]", WebSocketRoutes.Default)]
    public async Task MessagesAreRoutedByTheBodysActionOverTheFunctionsRoutes(string body, string expectedRoute)
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections);
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);
        var connect = await connections.NextAsync(WebSocketRoutes.Connect);

        await socket.SendTextAsync(body);
        var message = await connections.NextAsync(expectedRoute);

        Assert.Equal("MESSAGE", message.RequestContext.EventType);
        Assert.Equal(body, message.Body);
        Assert.False(message.IsBase64Encoded);
        Assert.Null(message.Headers);
        Assert.NotNull(message.RequestContext.MessageId);
        Assert.Equal(connect.RequestContext.ConnectionId, message.RequestContext.ConnectionId);
        Assert.Equal(connect.RequestContext.ConnectedAt, message.RequestContext.ConnectedAt);
    }

    [Fact]
    public async Task BinaryMessageGoesToDefaultAsBase64()
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections);
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);

        await socket.SendAsync(new byte[] { 0xff, 0x00, 0x01 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        var message = await connections.NextAsync(WebSocketRoutes.Default);

        Assert.True(message.IsBase64Encoded);
        Assert.Equal(Convert.ToBase64String(new byte[] { 0xff, 0x00, 0x01 }), message.Body);
    }

    [Fact]
    public async Task IntegrationResponseBodiesAreNotSentBackButIntegrationErrorsAre()
    {
        var connections = new RecordingConnectionsHandler
        {
            Respond = request => request.Body == "fail"
                ? throw new InvalidOperationException("boom")
                : new WebSocketResponse { StatusCode = 200, Body = "must not reach the client" },
        };
        await using var gateway = await TestGateway.StartAsync(connections);
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);
        var connectionId = (await connections.NextAsync(WebSocketRoutes.Connect)).RequestContext.ConnectionId;

        await socket.SendTextAsync("hello");
        await connections.NextAsync(WebSocketRoutes.Default);
        await socket.SendTextAsync("fail");
        var notice = JsonDocument.Parse(await socket.ReceiveTextAsync()).RootElement;

        // The first message the client receives is the failure notice: the body of "hello" never came back.
        Assert.Equal("Internal server error", notice.GetProperty("message").GetString());
        Assert.Equal(connectionId, notice.GetProperty("connectionId").GetString());
        Assert.True(notice.TryGetProperty("requestId", out _));
    }

    [Fact]
    public async Task ClientCloseSendsDisconnectWithItsCodeAndReason()
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections);
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);
        var connectionId = (await connections.NextAsync(WebSocketRoutes.Connect)).RequestContext.ConnectionId;

        await socket.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "bye", CancellationToken.None);
        var disconnect = await connections.NextAsync(WebSocketRoutes.Disconnect);

        Assert.Equal("DISCONNECT", disconnect.RequestContext.EventType);
        Assert.Equal(connectionId, disconnect.RequestContext.ConnectionId);
        Assert.Equal(1001, disconnect.RequestContext.DisconnectStatusCode);
        Assert.Equal("bye", disconnect.RequestContext.DisconnectReason);
        Assert.Equal(0, gateway.Connections.Count);
    }

    [Fact]
    public async Task FailingConnectIntegrationRefusesWith500()
    {
        var connections = new RecordingConnectionsHandler { Respond = _ => throw new InvalidOperationException("boom") };
        await using var gateway = await TestGateway.StartAsync(connections);

        Assert.Equal(500, await WebSocketClient.RefusedStatusAsync(gateway.WebSocketUri));
    }

    [Fact]
    public async Task AnotherStageRefusesTheHandshakeWith403()
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections);

        Assert.Equal(403, await WebSocketClient.RefusedStatusAsync(new Uri(gateway.BaseUri.ToString().Replace("http", "ws") + "prod")));
        Assert.Empty(connections.RawEvents);
    }

    [GeneratedRegex("^[A-Za-z0-9+/]{15}=$")]
    private static partial Regex ConnectionIdFormat();

    [GeneratedRegex(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$")]
    private static partial Regex RequestTimeFormat();
}
