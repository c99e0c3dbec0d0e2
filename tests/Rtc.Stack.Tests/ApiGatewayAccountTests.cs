namespace Rtc.Stack.Tests;

/// <summary>
/// <c>manageApiGatewayAccount</c>: the stack sets API Gateway's CloudWatch Logs role for its account and region,
/// without which a stage with access logging fails to create ("CloudWatch Logs role ARN must be set in account
/// settings to enable logging").
/// </summary>
public sealed class ApiGatewayAccountTests
{
    private static readonly Dictionary<string, string> Managed = new() { ["manageApiGatewayAccount"] = "true" };

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void ManagedAccountTemplateIsValidAgainstThePinnedProviderSchema(string stack)
    {
        var template = stack == "dev" ? StackRun.ForStack("dev", Managed).Template() : StackRun.ForProd(Managed).Template();

        Assert.Empty(new TemplateValidator(ProviderSchema.Pinned, ProjectFile.DeclaredConfigKeys()).Validate(template));
    }

    [Fact]
    public void AccountPointsAtARoleOnlyApiGatewayMayAssumeWithAwsManagedLogPolicy()
    {
        var template = StackRun.ForStack("dev", Managed).Template();

        Assert.Equal("${apigateway-logs-role.arn}", (string)template.Properties("apigateway-account")["cloudwatchRoleArn"]!);
        var trust = Assert.Single(template.Properties("apigateway-logs-role")["assumeRolePolicy"]!["fn::toJSON"]!["Statement"]!.AsArray())!;
        Assert.Equal("Allow", (string)trust["Effect"]!);
        Assert.Equal("apigateway.amazonaws.com", (string)trust["Principal"]!["Service"]!);
        Assert.Equal("sts:AssumeRole", (string)trust["Action"]!);
        Assert.Equal("${pulumi.project}-${pulumi.stack}-apigw-logs", (string)template.Properties("apigateway-logs-role")["name"]!);

        // Exactly AWS's managed policy for API Gateway logging, in the stack's partition, and nothing else.
        var attachment = template.Properties("apigateway-logs-policy");
        Assert.Equal("${apigateway-logs-role.name}", (string)attachment["role"]!);
        Assert.Equal("arn:${partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs", (string)attachment["policyArn"]!);
        Assert.Equal("partition", (string)template["variables"]!["partition"]!["fn::invoke"]!["return"]!);
        Assert.Equal(["apigateway-logs-policy"], template.OfType("aws:iam/rolePolicyAttachment:RolePolicyAttachment"));
        Assert.DoesNotContain(template.OfType("aws:iam/rolePolicy:RolePolicy"), policy => policy.StartsWith("apigateway", StringComparison.Ordinal));
    }

    [Fact]
    public void AccountWaitsForThePolicyAndTheStageWaitsForTheAccount()
    {
        var resources = StackRun.ForStack("dev", Managed).Template().Resources();

        Assert.Equal("${apigateway-logs-policy}", (string)Assert.Single(resources["apigateway-account"]!["options"]!["dependsOn"]!.AsArray())!);
        Assert.Equal("${apigateway-account}", (string)Assert.Single(resources["websocket-stage"]!["options"]!["dependsOn"]!.AsArray())!);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void StackFilesLeaveTheAccountSettingAlone(string stack)
    {
        // Only one stack per account and region may own the setting: the stack files ship without it.
        var template = Templates.Named(stack);

        Assert.Empty(template.OfType("aws:apigateway/account:Account"));
        Assert.Null(template.Resources()["websocket-stage"]!["options"]!["dependsOn"]);
        Assert.Null(template["variables"]!["partition"]);
    }
}
