using System.Text.Json.Nodes;
using Rtc.Contracts;
using Rtc.Stack.Tests.Support;

namespace Rtc.Stack.Tests;

/// <summary>
/// API Gateway answers the heartbeat itself: the <c>ping</c> route is a two-way route on a MOCK integration that
/// replies <c>{"type":"pong"}</c>, so no function runs and no invocation is paid for a client's keep-alive.
/// </summary>
public sealed class HeartbeatTemplateTests
{
    private readonly JsonObject template = Templates.Dev();

    [Fact]
    public void PingRouteTargetsAMockIntegrationWhoseRequestTemplateSetsStatus200()
    {
        var route = template.Properties("ping-route");
        var integration = template.Properties("ping-integration");

        Assert.Equal("ping", (string)route["routeKey"]!);
        Assert.Equal("integrations/${ping-integration.id}", (string)route["target"]!);
        Assert.Equal("MOCK", (string)integration["integrationType"]!);
        Assert.Null(integration["integrationUri"]);
        // A MOCK integration's status comes from the request template; "\$default" selects the template keyed $default.
        Assert.Equal("\\$default", (string)integration["templateSelectionExpression"]!);
        Assert.Equal("""{"statusCode":200}""", (string)integration["requestTemplates"]!["$default"]!);
    }

    [Fact]
    public void IntegrationResponseAndRouteResponseSendPongBackOnTheSocket()
    {
        var integrationResponse = template.Properties("ping-integration-response");
        var routeResponse = template.Properties("ping-route-response");

        // Non-proxy integrations need an integration response; $default is the catch-all key. A route sends the
        // integration's answer to the client only with a route response, whose key can only be $default.
        // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html
        Assert.Equal("${ping-integration.id}", (string)integrationResponse["integrationId"]!);
        Assert.Equal("$default", (string)integrationResponse["integrationResponseKey"]!);
        Assert.Equal("\\$default", (string)integrationResponse["templateSelectionExpression"]!);
        Assert.Equal(ClientFrames.Pong, (string)integrationResponse["responseTemplates"]!["$default"]!);
        Assert.Equal("""{"type":"pong"}""", ClientFrames.Pong);
        Assert.Equal("${ping-route.id}", (string)routeResponse["routeId"]!);
        Assert.Equal("$default", (string)routeResponse["routeResponseKey"]!);
        Assert.Equal("$default", (string)template.Properties("ping-route")["routeResponseSelectionExpression"]!);
    }

    [Fact]
    public void NoFunctionMayBeInvokedForPing()
    {
        var sources = template.OfType("aws:lambda/permission:Permission")
            .Select(permission => (string?)template.Properties(permission)["sourceArn"] ?? "");

        Assert.DoesNotContain(sources, source => source.EndsWith("/ping", StringComparison.Ordinal));
    }
}
