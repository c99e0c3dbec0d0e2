namespace Rtc.Stack.Tests;

/// <summary>
/// The stage's access log format names only variables API Gateway documents for WebSocket APIs, and access
/// logging can be turned off for accounts without API Gateway's CloudWatch Logs role.
/// </summary>
public sealed class AccessLogTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void EveryContextVariableInTheFormatIsDocumentedForWebSocketApis(string stack)
    {
        // "Configure logging for WebSocket APIs in API Gateway" lists the supported variables; API Gateway v2 has
        // refused formats naming others (e.g. $context.integrationError, which is not on that page).
        var format = Format(Templates.Named(stack));

        Assert.NotEmpty(AccessLogVariables.In(format));
        Assert.Empty(AccessLogVariables.Undocumented(format));
    }

    [Fact]
    public void CheckRefusesVariablesTheWebSocketPageDoesNotList()
    {
        var format = new JsonObject
        {
            ["integrationError"] = "$context.integrationError",
            ["integrationErrorMessage"] = "$context.integrationErrorMessage",
            ["httpMethod"] = "$context.httpMethod",
            ["integration"] = "$context.integration.error",
            ["user"] = "$context.authorizer.userId",
        };

        Assert.Equal(
            ["$context.integrationError", "$context.integrationErrorMessage", "$context.httpMethod"],
            AccessLogVariables.Undocumented(format));
    }

    [Fact]
    public void FormatLogsTheIntegrationAndAuthorizerOutcomes()
    {
        var format = Format(Templates.Prod());

        Assert.Equal("$context.integration.error", (string)format["integrationError"]!);
        Assert.Equal("$context.authorizer.status", (string)format["authorizerStatus"]!);
        Assert.Equal("$context.connectionId", (string)format["connectionId"]!);
    }

    [Fact]
    public void AccessLogsOffDeclaresNeitherTheLogGroupNorTheStagesLogSettings()
    {
        var template = StackRun.ForStack("dev", new Dictionary<string, string> { ["accessLogs"] = "false" }).Template();

        Assert.False(template.Resources().ContainsKey("websocket-access-logs"));
        Assert.Null(template.Properties("websocket-stage")["accessLogSettings"]);
        Assert.True((bool)template.Properties("websocket-stage")["defaultRouteSettings"]!["detailedMetricsEnabled"]!);
        Assert.Empty(new TemplateValidator(ProviderSchema.Pinned, ProjectFile.DeclaredConfigKeys()).Validate(template));
    }

    [Fact]
    public void AccessLogsAreOnByDefault()
    {
        var template = Templates.NoStack();

        Assert.Equal("${websocket-access-logs.arn}", (string)template.Properties("websocket-stage")["accessLogSettings"]!["destinationArn"]!);
    }

    private static JsonObject Format(JsonObject template) =>
        template.Properties("websocket-stage")["accessLogSettings"]!["format"]!["fn::toJSON"]!.AsObject();
}
