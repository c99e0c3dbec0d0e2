using System.Text.Json.Nodes;
using Rtc.Contracts;
using Rtc.Stack.Configuration;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>
/// The WebSocket API with its stage, routes and integrations. The stage is named after the stack, deploys
/// automatically, throttles from config, writes JSON access logs to its own log group (unless <c>accessLogs</c>
/// is off) and has detailed metrics.
/// Every route in <see cref="WebSocketRoutes.FunctionRoutes"/> proxies to the connections function, each with an
/// invoke permission scoped to this API, this stage and that route; <see cref="WebSocketRoutes.Ping"/> is answered
/// by API Gateway itself.
/// </summary>
internal static class WebSocketApiComponent
{
    /// <summary>
    /// The access log line, field name → the <c>$context</c> variable API Gateway substitutes. Only variables
    /// documented for WebSocket APIs ("Configure logging for WebSocket APIs in API Gateway"; the list is
    /// <c>stack/schema/websocket-access-log-variables.txt</c>, and a test holds the format to it): API Gateway
    /// v2 has rejected formats naming others.
    /// </summary>
    private static readonly (string Field, string Variable)[] AccessLogFields =
    [
        ("requestId", "requestId"),
        ("connectionId", "connectionId"),
        ("eventType", "eventType"),
        ("routeKey", "routeKey"),
        ("status", "status"),
        ("requestTime", "requestTime"),
        ("sourceIp", "identity.sourceIp"),
        ("errorMessage", "error.message"),
        ("authorizerStatus", "authorizer.status"),
        ("authorizerError", "authorizer.error"),
        ("integrationStatus", "integration.status"),
        ("integrationError", "integration.error"),
        ("integrationLatency", "integrationLatency"),
    ];

    // The reserved key of the catch-all template, integration response and route response.
    private const string DefaultKey = "$default";

    // A selection expression that evaluates to the literal key "$default" ("\$" escapes the variable prefix).
    private const string EscapedDefaultKey = "\\$default";

    /// <summary>
    /// Declares the API and its stage, with the access log group when <c>accessLogs</c> is on. The stage depends
    /// on <paramref name="account"/> (the account's CloudWatch Logs role) when the stack sets it.
    /// </summary>
    public static WebSocketApi DeclareApi(StackTemplate template, StackSettings settings, string region, string dnsSuffix, ResourceRef? account)
    {
        var api = template.Resource("websocket-api", "aws:apigatewayv2/api:Api", new JsonObject
        {
            ["name"] = Naming.Physical("websocket"),
            ["protocolType"] = "WEBSOCKET",
            ["routeSelectionExpression"] = WebSocketRoutes.RouteSelectionExpression,
            ["tags"] = Tags.Standard(),
        });

        var stageProperties = new JsonObject
        {
            ["apiId"] = api.Id,
            ["name"] = "${pulumi.stack}",
            ["autoDeploy"] = true,
            ["defaultRouteSettings"] = new JsonObject
            {
                ["throttlingBurstLimit"] = settings.ThrottlingBurstLimit,
                ["throttlingRateLimit"] = settings.ThrottlingRateLimit,
                ["detailedMetricsEnabled"] = true,
            },
            ["tags"] = Tags.Standard(),
        };
        if (settings.AccessLogs)
        {
            var accessLogs = template.Resource("websocket-access-logs", "aws:cloudwatch/logGroup:LogGroup", new JsonObject
            {
                ["name"] = "/aws/apigateway/" + Naming.Physical("websocket"),
                ["retentionInDays"] = settings.LogRetentionDays,
                ["tags"] = Tags.Standard(),
            });

            var logFormat = new JsonObject();
            foreach (var (field, variable) in AccessLogFields)
            {
                logFormat[field] = "$context." + variable;
            }

            stageProperties["accessLogSettings"] = new JsonObject
            {
                ["destinationArn"] = accessLogs.Arn,
                ["format"] = Fn.ToJson(logFormat),
            };
        }

        var stage = template.Resource("websocket-stage", "aws:apigatewayv2/stage:Stage", stageProperties,
            new ResourceOptions(DependsOn: account is null ? null : [account]));

        return new WebSocketApi(api, stage, $"{api.Id}.execute-api.{region}.{dnsSuffix}");
    }

    /// <summary>
    /// Declares the function integration, its routes and one invoke permission per route, and the heartbeat route.
    /// With an authorizer, <c>$connect</c> uses it (WebSocket APIs authorise only <c>$connect</c>).
    /// </summary>
    public static void DeclareRoutes(StackTemplate template, WebSocketApi webSocket, ResourceRef connectionsFunction, ResourceRef? authorizer)
    {
        var integration = template.Resource("connections-integration", "aws:apigatewayv2/integration:Integration", new JsonObject
        {
            ["apiId"] = webSocket.Api.Id,
            ["integrationType"] = "AWS_PROXY",
            ["integrationMethod"] = "POST",
            ["integrationUri"] = connectionsFunction.Output("invokeArn"),
        });

        foreach (var routeKey in WebSocketRoutes.FunctionRoutes)
        {
            var slug = routeKey.TrimStart('$');
            var route = new JsonObject
            {
                ["apiId"] = webSocket.Api.Id,
                ["routeKey"] = routeKey,
                ["target"] = "integrations/" + integration.Id,
                ["authorizationType"] = "NONE",
            };
            if (routeKey == WebSocketRoutes.Connect && authorizer is not null)
            {
                route["authorizationType"] = "CUSTOM";
                route["authorizerId"] = authorizer.Id;
            }

            template.Resource($"{slug}-route", "aws:apigatewayv2/route:Route", route);
            template.Resource($"{slug}-invoke-permission", "aws:lambda/permission:Permission", new JsonObject
            {
                ["action"] = IamActions.LambdaInvokeFunction,
                ["function"] = connectionsFunction.Name,
                ["principal"] = ServicePrincipals.ApiGateway,
                ["sourceArn"] = $"{webSocket.Api.Output("executionArn")}/{webSocket.Stage.Name}/{routeKey}",
            });
        }

        DeclareHeartbeat(template, webSocket);
    }

    /// <summary>
    /// The <c>ping</c> route as a two-way route on a MOCK integration: API Gateway answers <c>{"type":"pong"}</c> on
    /// the same socket and invokes no function, so a connected client's heartbeat costs no Lambda invocation.
    /// </summary>
    /// <remarks>
    /// A MOCK integration takes its status from the request template's <c>statusCode</c>; the integration response
    /// shapes the reply, and the route response is what makes the route two-way, so the reply reaches the client
    /// (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html).
    /// Each selection expression is the escaped literal <c>\$default</c>, selecting the template keyed
    /// <c>$default</c>; route responses support only the key <c>$default</c>
    /// (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html).
    /// </remarks>
    private static void DeclareHeartbeat(StackTemplate template, WebSocketApi webSocket)
    {
        var integration = template.Resource("ping-integration", "aws:apigatewayv2/integration:Integration", new JsonObject
        {
            ["apiId"] = webSocket.Api.Id,
            ["integrationType"] = "MOCK",
            ["templateSelectionExpression"] = EscapedDefaultKey,
            ["requestTemplates"] = new JsonObject { [DefaultKey] = """{"statusCode":200}""" },
        });

        template.Resource("ping-integration-response", "aws:apigatewayv2/integrationResponse:IntegrationResponse", new JsonObject
        {
            ["apiId"] = webSocket.Api.Id,
            ["integrationId"] = integration.Id,
            ["integrationResponseKey"] = DefaultKey,
            ["templateSelectionExpression"] = EscapedDefaultKey,
            ["responseTemplates"] = new JsonObject { [DefaultKey] = ClientFrames.Pong },
        });

        var route = template.Resource("ping-route", "aws:apigatewayv2/route:Route", new JsonObject
        {
            ["apiId"] = webSocket.Api.Id,
            ["routeKey"] = WebSocketRoutes.Ping,
            ["target"] = "integrations/" + integration.Id,
            ["authorizationType"] = "NONE",
            ["routeResponseSelectionExpression"] = DefaultKey,
        });

        template.Resource("ping-route-response", "aws:apigatewayv2/routeResponse:RouteResponse", new JsonObject
        {
            ["apiId"] = webSocket.Api.Id,
            ["routeId"] = route.Id,
            ["routeResponseKey"] = DefaultKey,
        });
    }
}

/// <summary>The WebSocket API and its stage.</summary>
/// <param name="Api">The API.</param>
/// <param name="Stage">The stage named after the stack.</param>
/// <param name="Domain">Interpolation of <c>{apiId}.execute-api.{region}.{dnsSuffix}</c>.</param>
internal sealed record WebSocketApi(ResourceRef Api, ResourceRef Stage, string Domain);
