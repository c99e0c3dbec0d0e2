using System.Net;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

/// <summary>Which endpoint a request reaches, and the 403 for everything the gateway does not serve.</summary>
public sealed class GatewayRoutingTests
{
    // API Gateway answers a path it does not serve, including another stage, with 403 ForbiddenException,
    // whatever the method: a path the gateway serves asked with another method is not a 405.
    [Theory]
    [InlineData("POST", "")]
    [InlineData("GET", "test")]
    [InlineData("POST", "test")]
    [InlineData("GET", "prod/deeper/still/further")]
    [InlineData("GET", "style.css")]
    [InlineData("GET", "2015-03-31/functions/publisher/invocations")]
    [InlineData("PUT", "2015-03-31/functions/publisher/invocations")]
    [InlineData("POST", "@local/token?user=alice")]
    [InlineData("HEAD", "@local/token?user=alice")]
    [InlineData("GET", "@local/publish")]
    [InlineData("POST", "@local/client-config")]
    public async Task RequestsTheGatewayDoesNotServeAreForbidden(string method, string path)
    {
        await using var gateway = await TestGateway.StartAsync(TestGateway.Options with { Auth = AuthMode.Jwt }, new Dictionary<string, IInvocationHandler>());
        using var http = new HttpClient();

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(gateway.BaseUri, path)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("ForbiddenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task TokenEndpointExistsOnlyWithJwtAuth()
    {
        await using var open = await TestGateway.StartAsync(TestGateway.Options, new Dictionary<string, IInvocationHandler>());
        await using var authorised = await TestGateway.StartAsync(TestGateway.Options with { Auth = AuthMode.Jwt }, new Dictionary<string, IInvocationHandler>());
        using var http = new HttpClient();

        using var withoutAuth = await http.GetAsync(new Uri(open.BaseUri, "@local/token?user=alice"));
        using var withAuth = await http.GetAsync(new Uri(authorised.BaseUri, "%40local/token?user=alice"));

        Assert.Equal(HttpStatusCode.Forbidden, withoutAuth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withAuth.StatusCode);
    }
}
