namespace Rtc.Stack.Tests;

/// <summary>Production is protected; dev is not. (Alarms: <see cref="AlarmTests"/>.)</summary>
public sealed class StageDifferenceTests
{
    [Theory]
    [InlineData("connections-table")]
    [InlineData("history-table")]
    public void ProdTablesHavePointInTimeRecoveryDeletionProtectionAndProtect(string name)
    {
        var table = Templates.Prod().Resources()[name]!;

        Assert.True((bool)table["properties"]!["pointInTimeRecovery"]!["enabled"]!);
        Assert.True((bool)table["properties"]!["deletionProtectionEnabled"]!);
        Assert.True((bool)table["options"]!["protect"]!);
    }

    [Theory]
    [InlineData("connections-table")]
    [InlineData("history-table")]
    public void DevTablesHaveNoneOfTheProductionProtections(string name)
    {
        var table = Templates.Dev().Resources()[name]!;

        Assert.Null(table["properties"]!["pointInTimeRecovery"]);
        Assert.Null(table["properties"]!["deletionProtectionEnabled"]);
        Assert.Null(table["options"]!["protect"]);
    }

    [Fact]
    public void ProdFunctionsRunOnTheConfiguredArchitectureWithTheirArtifacts()
    {
        var function = Templates.Prod().Properties("publisher-function");

        Assert.Equal("arm64", (string)function["architectures"]![0]!);
        Assert.Equal("artifacts/functions/aot-arm64/function.zip", (string)function["code"]!["fn::fileArchive"]!);
        Assert.Equal(1024, (int)function["memorySize"]!);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void EveryTaggableResourceCarriesProjectStackAndManagedByTags(string stack)
    {
        var template = Templates.Named(stack);

        foreach (var (name, resource) in template.Resources())
        {
            var schema = ProviderSchema.Pinned.Resource((string)resource!["type"]!)!;
            if (schema["inputs"]!["tags"] is null)
            {
                continue;
            }

            var tags = resource["properties"]!["tags"]?.AsObject();
            Assert.True(tags is not null, $"{name} has no tags");
            Assert.Equal("${pulumi.project}", (string?)tags["project"]);
            Assert.Equal("${pulumi.stack}", (string?)tags["stack"]);
            Assert.Equal("pulumi", (string?)tags["managed-by"]);
        }
    }

    [Fact]
    public void PhysicalNamesCarryProjectAndStackSoStagesCoexist()
    {
        var template = Templates.Dev();

        foreach (var type in (string[])["aws:dynamodb/table:Table", "aws:lambda/function:Function", "aws:iam/role:Role", "aws:apigatewayv2/api:Api"])
        {
            Assert.All(template.OfType(type), name =>
                Assert.StartsWith("${pulumi.project}-${pulumi.stack}-", (string)template.Properties(name)["name"]!));
        }
    }

    [Fact]
    public void EventBridgeRuleTargetsThePublisherOnlyWhenAPatternIsConfigured()
    {
        var withPattern = Templates.Dev();
        var without = StackRun.ForStack("dev", new Dictionary<string, string> { ["eventPattern"] = "" }).Template();

        Assert.Equal("${publisher-function.arn}", (string)withPattern.Properties("publish-rule-target")["arn"]!);
        Assert.Equal("${publish-rule.arn}", (string)withPattern.Properties("publish-rule-invoke-permission")["sourceArn"]!);
        Assert.Empty(without.OfType("aws:cloudwatch/eventRule:EventRule"));
    }

    [Fact]
    public void StageIsNamedAfterTheStackAutoDeploysThrottlesLogsJsonAndHasDetailedMetrics()
    {
        var stage = Templates.Dev().Properties("websocket-stage");

        Assert.Equal("${pulumi.stack}", (string)stage["name"]!);
        Assert.True((bool)stage["autoDeploy"]!);
        Assert.Equal(50, (int)stage["defaultRouteSettings"]!["throttlingBurstLimit"]!);
        Assert.Equal(20, (int)stage["defaultRouteSettings"]!["throttlingRateLimit"]!);
        Assert.True((bool)stage["defaultRouteSettings"]!["detailedMetricsEnabled"]!);
        Assert.Equal("${websocket-access-logs.arn}", (string)stage["accessLogSettings"]!["destinationArn"]!);
        Assert.IsType<JsonObject>(stage["accessLogSettings"]!["format"]!["fn::toJSON"]);
    }
}
