using System.Text.Json.Nodes;
using Rtc.Functions.Configuration;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;
using Rtc.Stack.Configuration;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>The whole stack, top to bottom: table, API, functions, routes, optional trigger, alarms, outputs.</summary>
internal static class RtcStack
{
    /// <summary>Builds the template for one stack's settings.</summary>
    public static StackTemplate Build(StackSettings settings)
    {
        var template = new StackTemplate(ProjectConfig.ProjectName,
            "Real-time notifications: API Gateway WebSocket API, Lambda functions and a DynamoDB connection table.");

        var region = template.Variable("region", Fn.Invoke("aws:index/getRegion:getRegion", "region"));
        var dnsSuffix = template.Variable("dnsSuffix", Fn.Invoke("aws:index/getPartition:getPartition", "dnsSuffix"));

        var table = ConnectionTableComponent.Declare(template, settings);
        var webSocket = WebSocketApiComponent.DeclareApi(template, settings, region, dnsSuffix);
        var domain = template.Variable("websocketDomain", webSocket.Domain);
        var executionArn = webSocket.Api.Output("executionArn");
        var stage = webSocket.Stage.Name;

        var connections = LambdaFunctionComponent.Declare(template, settings, new FunctionSpec(
            HandlerCatalog.Connections,
            new JsonObject
            {
                [EnvironmentVariables.TableName] = table.Name,
                [EnvironmentVariables.WebSocketDomain] = domain,
                [EnvironmentVariables.WebSocketStage] = stage,
                [EnvironmentVariables.AuthMode] = AuthModes.NameOf(settings.Auth.Mode),
            },
            [Policies.GrantWriteConnections(table.Arn), Policies.GrantManageConnections(executionArn, stage)]));

        var publisher = LambdaFunctionComponent.Declare(template, settings, new FunctionSpec(
            HandlerCatalog.Publisher,
            new JsonObject
            {
                [EnvironmentVariables.TableName] = table.Name,
                [EnvironmentVariables.WebSocketDomain] = domain,
                [EnvironmentVariables.WebSocketStage] = stage,
                [EnvironmentVariables.PublishConcurrency] = settings.PublishConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            [
                Policies.GrantQueryIndex(table.Arn, ConnectionTableSchema.UserIdIndex),
                Policies.GrantDeleteConnections(table.Arn),
                Policies.GrantManageConnections(executionArn, stage),
            ]));

        var authorizer = settings.Auth.Mode == AuthMode.Jwt
            ? AuthorizerComponent.Declare(template, settings, webSocket)
            : null;
        WebSocketApiComponent.DeclareRoutes(template, webSocket, connections.Function, authorizer?.Authorizer);

        if (settings.Events is { } events)
        {
            EventTriggerComponent.Declare(template, events, publisher.Function);
        }

        if (settings.Production)
        {
            List<(string, ResourceRef)> monitored = [(HandlerCatalog.Connections, connections.Function), (HandlerCatalog.Publisher, publisher.Function)];
            if (authorizer is not null)
            {
                monitored.Add((HandlerCatalog.Authorizer, authorizer.Function));
            }

            AlarmsComponent.Declare(template, settings, webSocket, monitored);
        }

        var url = webSocket.Stage.Output("invokeUrl");
        template.Output("websocketUrl", url);
        template.Output("managementEndpoint", $"https://{domain}/{stage}");
        template.Output("tableName", table.Name);
        template.Output("connectionsFunctionName", connections.Function.Name);
        template.Output("publisherFunctionName", publisher.Function.Name);
        template.Output("publisherFunctionArn", publisher.Function.Arn);
        template.Output("clientConfig", ClientConfigOutput.Build(settings, url, stage, region));
        return template;
    }
}
