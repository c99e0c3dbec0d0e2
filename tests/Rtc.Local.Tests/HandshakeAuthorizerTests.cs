using System.Text.Json;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Local.Hosting;
using Rtc.Local.Tests.Support;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

/// <summary>API Gateway's REQUEST authorizer behaviour on <c>$connect</c>, with a stand-in authorizer function.</summary>
public sealed class HandshakeAuthorizerTests
{
    private readonly RecordingConnectionsHandler connections = new();

    [Fact]
    public async Task MissingIdentitySourceIsRefusedWith401WithoutInvokingTheAuthorizer()
    {
        var authorizer = new StubFunction(_ => Policy("Allow", "*"));
        await using var gateway = await StartAsync(authorizer);

        Assert.Equal(401, await WebSocketClient.RefusedStatusAsync(new Uri(gateway.WebSocketUri + "?user_id=alice")));
        Assert.Null(authorizer.LastEvent);
        Assert.Empty(connections.RawEvents);
    }

    [Fact]
    public async Task UnauthorizedFromTheAuthorizerIsRefusedWith401()
    {
        var authorizer = new StubFunction(_ => throw new InvocationException("Unauthorized", "Unauthorized"));
        await using var gateway = await StartAsync(authorizer);

        Assert.Equal(401, await WebSocketClient.RefusedStatusAsync(new Uri(gateway.WebSocketUri + "?token=bad")));
        Assert.Empty(connections.RawEvents);
    }

    [Fact]
    public async Task DenyPolicyIsRefusedWith403()
    {
        await using var gateway = await StartAsync(new StubFunction(_ => Policy("Deny", "*")));

        Assert.Equal(403, await WebSocketClient.RefusedStatusAsync(new Uri(gateway.WebSocketUri + "?token=t")));
        Assert.Empty(connections.RawEvents);
    }

    // API Gateway's gateway responses: UNAUTHORIZED is 401 with {"message":"Unauthorized"}, ACCESS_DENIED is
    // 403; both bodies are {"message": ...}, never empty.
    [Theory]
    [InlineData("", 401, "Unauthorized")]
    [InlineData("?token=bad", 401, "Unauthorized")]
    [InlineData("?token=denied", 403, "Forbidden")]
    public async Task RefusedHandshakeAnswersApiGatewaysJsonBody(string query, int status, string message)
    {
        var authorizer = new StubFunction(json => JsonDocument.Parse(json).RootElement.GetProperty("queryStringParameters").GetProperty("token").GetString() == "denied"
            ? Policy("Deny", "*")
            : throw new InvocationException("Unauthorized", "Unauthorized"));
        await using var gateway = await StartAsync(authorizer);

        var response = await RawHandshake.SendAsync(new Uri(gateway.WebSocketUri + query));

        Assert.Equal(status, (int)response.Status);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal(message, response.Message);
    }

    [Fact]
    public async Task AllowForAnotherRouteIsRefusedWith403()
    {
        await using var gateway = await StartAsync(new StubFunction(_ => Policy("Allow", "arn:aws:execute-api:us-east-1:000000000000:other/test/$connect")));

        Assert.Equal(403, await WebSocketClient.RefusedStatusAsync(new Uri(gateway.WebSocketUri + "?token=t")));
    }

    [Fact]
    public async Task AllowedConnectCarriesThePrincipalAndContextInRequestContextAuthorizer()
    {
        var authorizer = new StubFunction(json =>
        {
            var methodArn = JsonDocument.Parse(json).RootElement.GetProperty("methodArn").GetString()!;
            return Policy("Allow", methodArn);
        });
        await using var gateway = await StartAsync(authorizer);

        using var socket = await WebSocketClient.ConnectAsync(new Uri(gateway.WebSocketUri + "?token=abc&user_id=mallory"));
        var connect = await connections.NextAsync(WebSocketRoutes.Connect);

        var request = JsonDocument.Parse(authorizer.LastEvent!).RootElement;
        Assert.Equal("REQUEST", request.GetProperty("type").GetString());
        Assert.Equal($"arn:aws:execute-api:us-east-1:000000000000:{gateway.Options.ApiId}/test/$connect", request.GetProperty("methodArn").GetString());
        Assert.Equal("abc", request.GetProperty("queryStringParameters").GetProperty("token").GetString());
        Assert.Equal(connect.RequestContext.ConnectionId, request.GetProperty("requestContext").GetProperty("connectionId").GetString());
        Assert.Equal("alice", connect.RequestContext.AuthorizerPrincipalId);
        Assert.Equal("alice", connect.RequestContext.Authorizer!["userId"].GetString());
        Assert.True(connect.RequestContext.Authorizer.ContainsKey("integrationLatency"));
    }

    [Fact]
    public async Task TokenInTheSubprotocolHeaderIsAnIdentitySource()
    {
        var authorizer = new StubFunction(_ => Policy("Allow", "*"));
        connections.Respond = _ => new() { StatusCode = 200, Headers = new() { ["Sec-WebSocket-Protocol"] = "rtc" } };
        await using var gateway = await StartAsync(authorizer);

        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri, options =>
        {
            options.AddSubProtocol("rtc");
            options.AddSubProtocol("the-token");
        });

        Assert.Equal("rtc", socket.SubProtocol);
        Assert.Equal("rtc, the-token", JsonDocument.Parse(authorizer.LastEvent!).RootElement.GetProperty("headers").GetProperty("Sec-WebSocket-Protocol").GetString());
    }

    private Task<LocalGateway> StartAsync(IInvocationHandler authorizer) => TestGateway.StartAsync(
        TestGateway.Options with { Auth = AuthMode.Jwt },
        new Dictionary<string, IInvocationHandler> { [HandlerNames.Connections] = connections, [HandlerNames.Authorizer] = authorizer });

    private static string Policy(string effect, string resource) => $$$"""
        {"principalId":"alice","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"{{{effect}}}","Resource":"{{{resource}}}"}]},"context":{"userId":"alice"}}
        """;
}
