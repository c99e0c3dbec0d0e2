using System.Text.Json.Nodes;
using Rtc.Stack.Configuration;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>
/// Production alarms, each firing on one failure within a minute: a function's invocation errors, and the
/// stage's integration and execution errors. None counts normal traffic: a refused token is not an invocation
/// error (the authorizer answers it with a Deny policy), and refused handshakes are <c>ClientError</c>s, which no
/// alarm watches. What each alarm means and what to do is in docs/stack.md ("When an alarm fires").
/// </summary>
internal static class AlarmsComponent
{
    private const string Runbook = "See docs/stack.md, When an alarm fires.";

    /// <summary>Declares an errors alarm per function and the integration and execution alarms for the stage.</summary>
    public static void Declare(StackTemplate template, StackSettings settings, WebSocketApi webSocket,
        IReadOnlyList<(string Name, ResourceRef Function)> functions)
    {
        foreach (var (name, function) in functions)
        {
            Alarm(template, settings, $"{name}-errors-alarm", "AWS/Lambda", "Errors",
                new JsonObject { ["FunctionName"] = function.Name },
                $"The {name} function failed an invocation (an exception, a timeout or running out of memory), not a refusal.");
        }

        // WebSocket API metrics are per ApiId and Stage ("Monitor WebSocket API execution with CloudWatch metrics").
        Alarm(template, settings, "websocket-integration-errors-alarm", "AWS/ApiGateway", "IntegrationError",
            StageDimensions(webSocket), "A route's integration answered with a 4XX or 5XX status.");

        // A broken invoke permission or a deleted function never runs the function, so no Lambda metric shows it.
        Alarm(template, settings, "websocket-execution-errors-alarm", "AWS/ApiGateway", "ExecutionError",
            StageDimensions(webSocket), "API Gateway could not call a route's integration (invoke permission, missing function, throttling).");
    }

    private static JsonObject StageDimensions(WebSocketApi webSocket) =>
        new() { ["ApiId"] = webSocket.Api.Id, ["Stage"] = webSocket.Stage.Name };

    private static void Alarm(StackTemplate template, StackSettings settings, string logicalName, string metricNamespace,
        string metricName, JsonObject dimensions, string meaning)
    {
        var properties = new JsonObject
        {
            ["name"] = Naming.Physical(logicalName),
            ["alarmDescription"] = $"{meaning} {Runbook}",
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
