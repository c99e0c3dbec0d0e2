namespace Rtc.Stack.Tests;

/// <summary>
/// Production alarms fire on one failure a minute, and only on failures: each function's <c>Errors</c> (which a
/// refused token no longer adds to: see the authorizer's refusal tests) and the stage's <c>IntegrationError</c>
/// and <c>ExecutionError</c>. Dev has none.
/// </summary>
public sealed class AlarmTests
{
    private const string StageDimensions = "ApiId=${websocket-api.id},Stage=${websocket-stage.name}";

    [Fact]
    public void ProdAlarmsOnEachFunctionsErrorsAndTheStagesIntegrationAndExecutionErrors()
    {
        var template = Templates.Prod();

        // WebSocket API metrics: AWS/ApiGateway, dimensions ApiId and Stage ("Monitor WebSocket API execution with
        // CloudWatch metrics"); ExecutionError counts errors calling the integration, which no Lambda metric shows.
        Assert.Equal(
        [
            "connections-errors-alarm AWS/Lambda Errors FunctionName=${connections-function.name}",
            "publisher-errors-alarm AWS/Lambda Errors FunctionName=${publisher-function.name}",
            "authorizer-errors-alarm AWS/Lambda Errors FunctionName=${authorizer-function.name}",
            $"websocket-integration-errors-alarm AWS/ApiGateway IntegrationError {StageDimensions}",
            $"websocket-execution-errors-alarm AWS/ApiGateway ExecutionError {StageDimensions}",
        ], Alarms(template).Select(alarm => $"{alarm.Name} {alarm.Properties["namespace"]} {alarm.Properties["metricName"]} {Dimensions(alarm.Properties)}"));
    }

    [Fact]
    public void EveryProdAlarmFiresOnOneFailureWithinAMinuteAndIsQuietWithoutData()
    {
        foreach (var (name, alarm) in Alarms(Templates.Prod()))
        {
            Assert.Equal("Sum", (string)alarm["statistic"]!);
            Assert.Equal(60, (int)alarm["period"]!);
            Assert.Equal(1, (int)alarm["evaluationPeriods"]!);
            Assert.Equal(1, (int)alarm["threshold"]!);
            Assert.Equal("GreaterThanOrEqualToThreshold", (string)alarm["comparisonOperator"]!);
            Assert.Equal("notBreaching", (string)alarm["treatMissingData"]!);
            Assert.Equal($"${{pulumi.project}}-${{pulumi.stack}}-{name}", (string)alarm["name"]!);
            Assert.EndsWith("See docs/stack.md, When an alarm fires.", (string)alarm["alarmDescription"]!);
            Assert.Null(alarm["alarmActions"]);
        }
    }

    [Fact]
    public void AlarmsNotifyTheConfiguredTopic()
    {
        const string Topic = "arn:aws:sns:eu-west-2:123456789012:rtc-alarms";

        var alarms = Alarms(StackRun.ForProd(new Dictionary<string, string> { ["alarmTopicArn"] = Topic }).Template());

        Assert.Equal(5, alarms.Count);
        Assert.All(alarms, alarm => Assert.Equal(Topic, (string)Assert.Single(alarm.Properties["alarmActions"]!.AsArray())!));
    }

    [Fact]
    public void DocsExplainEveryAlarm()
    {
        var section = string.Join("\n", File.ReadLines(Rtc.Testing.RepositoryPaths.PathOf("docs/stack.md"))
            .SkipWhile(line => line != "## When an alarm fires")
            .TakeWhile((line, index) => index == 0 || !line.StartsWith("## ", StringComparison.Ordinal)));

        foreach (var (name, _) in Alarms(Templates.Prod()))
        {
            Assert.Contains($"`{name}`", section);
        }
    }

    [Fact]
    public void DevHasNoAlarms()
    {
        Assert.Empty(Templates.Dev().OfType("aws:cloudwatch/metricAlarm:MetricAlarm"));
    }

    private static List<(string Name, JsonObject Properties)> Alarms(JsonObject template) =>
        [.. template.OfType("aws:cloudwatch/metricAlarm:MetricAlarm").Select(name => (name, template.Properties(name)))];

    private static string Dimensions(JsonObject alarm) =>
        string.Join(",", alarm["dimensions"]!.AsObject().Select(dimension => $"{dimension.Key}={dimension.Value}"));
}
