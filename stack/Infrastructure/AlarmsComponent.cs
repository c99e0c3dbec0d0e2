using System.Text.Json.Nodes;
using Rtc.Stack.Configuration;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>Production alarms: any function error and any API integration error within a minute.</summary>
internal static class AlarmsComponent
{
    /// <summary>Declares an errors alarm per function and an integration-errors alarm for the stage.</summary>
    public static void Declare(StackTemplate template, StackSettings settings, WebSocketApi webSocket,
        IReadOnlyList<(string Name, ResourceRef Function)> functions)
    {
        foreach (var (name, function) in functions)
        {
            Alarm(template, settings, $"{name}-errors-alarm", "AWS/Lambda", "Errors",
                new JsonObject { ["FunctionName"] = function.Name });
        }

        Alarm(template, settings, "websocket-integration-errors-alarm", "AWS/ApiGateway", "IntegrationError",
            new JsonObject { ["ApiId"] = webSocket.Api.Id, ["Stage"] = webSocket.Stage.Name });
    }

    private static void Alarm(StackTemplate template, StackSettings settings, string logicalName, string metricNamespace,
        string metricName, JsonObject dimensions)
    {
        var properties = new JsonObject
        {
            ["name"] = Naming.Physical(logicalName),
            ["namespace"] = metricNamespace,
            ["metricName"] = metricName,
            ["dimensions"] = dimensions,
            ["statistic"] = "Sum",
            ["period"] = 60,
            ["evaluationPeriods"] = 1,
            ["threshold"] = 1,
            ["comparisonOperator"] = "GreaterThanOrEqualToThreshold",
            ["treatMissingData"] = "notBreaching",
            ["tags"] = Tags.Standard(),
        };
        if (settings.AlarmTopicArn.Length > 0)
        {
            properties["alarmActions"] = new JsonArray(settings.AlarmTopicArn);
        }

        template.Resource(logicalName, "aws:cloudwatch/metricAlarm:MetricAlarm", properties);
    }
}
