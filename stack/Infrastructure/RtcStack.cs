using System.Globalization;
using System.Text.Json.Nodes;
using Rtc.Contracts;
using Rtc.Stack.Configuration;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>The whole stack, top to bottom: table, API, functions, routes, optional trigger, alarms, outputs.</summary>
internal static class RtcStack
{
    public static StackTemplate Build(StackSettings settings)
    {
        var template = new StackTemplate(ProjectConfig.ProjectName,
            "Real-time notifications: API Gateway WebSocket API, Lambda functions and DynamoDB tables (connections, message history).");

        var region = template.Variable("region", Fn.Invoke("aws:index/getRegion:getRegion", "region"));
        var dnsSuffix = template.Variable("dnsSuffix", Fn.Invoke("aws:index/getPartition:getPartition", "dnsSuffix"));

        var table = DynamoDbTable.Declare(template, settings, "connections", ConnectionTableSchema.Table);
        var history = settings.HistoryEnabled ? DynamoDbTable.Declare(template, settings, "history", HistoryTableSchema.Table) : null;
        var apiGatewayAccount = settings.ManageApiGatewayAccount ? ApiGatewayAccountComponent.Declare(template) : null;
        var webSocket = WebSocketApiComponent.DeclareApi(template, settings, region, dnsSuffix, apiGatewayAccount);
        var domain = template.Variable("websocketDomain", webSocket.Domain);
        var executionArn = webSocket.Api.Output("executionArn");
        var stage = webSocket.Stage.Name;

        var connections = LambdaFunctionComponent.Declare(template, settings, new FunctionSpec(
            HandlerNames.Connections,
            WithHistory(new JsonObject
            {
                [EnvironmentVariables.TableName] = table.Name,
                [EnvironmentVariables.WebSocketDomain] = domain,
                [EnvironmentVariables.WebSocketStage] = stage,
                [EnvironmentVariables.AuthMode] = AuthModes.NameOf(settings.Auth.Mode),
            }, history, settings),
            [
                Policies.GrantConnectionRows(table.Arn),
                .. HistoryGrant(history, Policies.GrantReadHistory),
                Policies.GrantManageConnections(executionArn, stage),
            ]));

        var publisher = LambdaFunctionComponent.Declare(template, settings, new FunctionSpec(
            HandlerNames.Publisher,
            WithHistory(new JsonObject
            {
                [EnvironmentVariables.TableName] = table.Name,
                [EnvironmentVariables.WebSocketDomain] = domain,
                [EnvironmentVariables.WebSocketStage] = stage,
                [EnvironmentVariables.PublishConcurrency] = Text(settings.PublishConcurrency),
            }, history, settings),
            [
                Policies.GrantQueryIndex(table.Arn, ConnectionTableSchema.UserIdIndex),
                Policies.GrantDeleteConnections(table.Arn),
                .. HistoryGrant(history, Policies.GrantAppendHistory),
                Policies.GrantManageConnections(executionArn, stage),
                Policies.GrantCloseConnections(executionArn, stage),
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
            List<(string, ResourceRef)> monitored = [(HandlerNames.Connections, connections.Function), (HandlerNames.Publisher, publisher.Function)];
            if (authorizer is not null)
            {
                monitored.Add((HandlerNames.Authorizer, authorizer.Function));
            }

            AlarmsComponent.Declare(template, settings, webSocket, monitored);
        }

        var url = webSocket.Stage.Output("invokeUrl");
        template.Output("websocketUrl", url);
        template.Output("managementEndpoint", $"https://{domain}/{stage}");
        template.Output("tableName", table.Name);
        if (history is not null)
        {
            template.Output("historyTableName", history.Name);
        }

        template.Output("connectionsFunctionName", connections.Function.Name);
        template.Output("publisherFunctionName", publisher.Function.Name);
        template.Output("publisherFunctionArn", publisher.Function.Arn);
        template.Output("clientConfig", ClientConfigOutput.Build(settings, url, stage, region));
        return template;
    }

    // Both functions read history from the same two variables; without a table they get neither (history off).
    private static JsonObject WithHistory(JsonObject environment, ResourceRef? history, StackSettings settings)
    {
        if (history is not null)
        {
            environment[EnvironmentVariables.HistoryTable] = history.Name;
            environment[EnvironmentVariables.HistorySeconds] = Text(settings.HistorySeconds);
        }

        return environment;
    }

    private static JsonObject[] HistoryGrant(ResourceRef? history, Func<string, JsonObject> grant) =>
        history is null ? [] : [grant(history.Arn)];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
