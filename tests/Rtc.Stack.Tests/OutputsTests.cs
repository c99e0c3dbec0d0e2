using System.Text.Json;
using System.Text.Json.Nodes;
using Rtc.Contracts;
using Rtc.Local.Configuration;
using Rtc.Local.Demo;
using Rtc.Stack.Tests.Support;

namespace Rtc.Stack.Tests;

/// <summary>The stack exports what clients and operators read with <c>pulumi stack output</c>.</summary>
public sealed class OutputsTests
{
    [Fact]
    public void StackExportsEveryDocumentedOutput()
    {
        var outputs = Templates.Dev()["outputs"]!.AsObject();

        Assert.Equal(
            ["websocketUrl", "managementEndpoint", "tableName", "historyTableName", "connectionsFunctionName", "publisherFunctionName", "publisherFunctionArn", "clientConfig"],
            outputs.Select(output => output.Key));
        Assert.Equal("${websocket-stage.invokeUrl}", (string)outputs["websocketUrl"]!);
        Assert.Equal("https://${websocketDomain}/${websocket-stage.name}", (string)outputs["managementEndpoint"]!);
    }

    [Fact]
    public void WebsocketDomainIsApiIdExecuteApiRegionAndDnsSuffix()
    {
        var template = Templates.Dev();

        Assert.Equal("${websocket-api.id}.execute-api.${region}.${dnsSuffix}", (string)template["variables"]!["websocketDomain"]!);
        Assert.Equal("${websocketDomain}", (string)template.Properties("publisher-function")["environment"]!["variables"]!["WEBSOCKET_DOMAIN"]!);
    }

    [Fact]
    public void ClientConfigCarriesUrlStageRegionHeartbeatAndMaximumDuration()
    {
        var clientConfig = Templates.Dev()["outputs"]!["clientConfig"]!;

        Assert.Equal("${websocket-stage.invokeUrl}", (string)clientConfig["url"]!);
        Assert.Equal("${websocket-stage.name}", (string)clientConfig["stage"]!);
        Assert.Equal("${region}", (string)clientConfig["region"]!);
        Assert.Equal(300, (int)clientConfig["heartbeatSeconds"]!);

        // API Gateway closes every WebSocket connection after 2 hours ("Connection duration for WebSocket API",
        // API Gateway quotas).
        Assert.Equal(7200, (int)clientConfig["maxConnectionSeconds"]!);
    }

    [Fact]
    public void EveryRouteIsDeployedAndEachFunctionRouteProxiesToTheConnectionsFunction()
    {
        var template = Templates.Dev();
        var routes = template.OfType("aws:apigatewayv2/route:Route").Select(route => template.Properties(route)).ToList();

        Assert.Equal(WebSocketRoutes.All, routes.Select(route => (string)route["routeKey"]!));
        Assert.Equal(WebSocketRoutes.FunctionRoutes,
            routes.Where(route => (string)route["target"]! == "integrations/${connections-integration.id}").Select(route => (string)route["routeKey"]!));
        Assert.Equal("AWS_PROXY", (string)template.Properties("connections-integration")["integrationType"]!);
        Assert.Equal("${connections-function.invokeArn}", (string)template.Properties("connections-integration")["integrationUri"]!);
        Assert.Equal("$request.body.action", (string)template.Properties("websocket-api")["routeSelectionExpression"]!);
    }

    [Theory]
    [InlineData(AuthMode.None)]
    [InlineData(AuthMode.Jwt)]
    public void TheLocalGatewaysClientConfigHasTheStacksShape(AuthMode auth)
    {
        // The local gateway answers GET /@local/client-config in this shape; with --auth jwt it offers the token
        // as a subprotocol, as a stack with authTokenSource "protocol" tells browsers to.
        var stack = (auth == AuthMode.Jwt ? StackRun.ForProd(new Dictionary<string, string> { ["authTokenSource"] = "protocol" }).Template() : Templates.Dev())["outputs"]!["clientConfig"]!;
        var local = JsonSerializer.SerializeToNode(
            ClientConfigEndpoint.Build(new GatewayOptions { Auth = auth }, "127.0.0.1:3001"), ClientConfigJsonContext.Default.ClientConfig)!;

        Assert.Equal(stack.AsObject().Select(property => property.Key).Order(), local.AsObject().Select(property => property.Key).Order());
        Assert.True(JsonNode.DeepEquals(stack["auth"], local["auth"]), $"stack {stack["auth"]!.ToJsonString()}, local {local["auth"]!.ToJsonString()}");
        Assert.Equal((int)stack["heartbeatSeconds"]!, (int)local["heartbeatSeconds"]!);
        Assert.Equal((int)stack["maxConnectionSeconds"]!, (int)local["maxConnectionSeconds"]!);
        Assert.True(JsonNode.DeepEquals(stack["history"], local["history"]), $"stack {stack["history"]!.ToJsonString()}, local {local["history"]!.ToJsonString()}");
    }
}
