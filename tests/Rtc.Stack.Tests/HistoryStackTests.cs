using System.Text.Json.Nodes;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Functions.History;
using Rtc.Functions.Storage;
using Rtc.Stack.Tests.Support;

namespace Rtc.Stack.Tests;

/// <summary>
/// The history table and its wiring follow <c>historyHours</c>: a table with the functions' schema, both functions
/// told its name and retention, least-privilege grants, the output and <c>clientConfig.history</c>; with 0, none
/// of it.
/// </summary>
public sealed class HistoryStackTests
{
    private const string HistoryTableArn = "${history-table.arn}";

    private static JsonObject HistoryOff() => StackRun.ForStack("dev", new Dictionary<string, string> { ["historyHours"] = "0" }).Template();

    [Fact]
    public void HistoryTableIsKeyedByUserAndSeqWithTtlOnDemandAndEncrypted()
    {
        var table = Templates.Dev().Properties("history-table");

        Assert.Equal("${pulumi.project}-${pulumi.stack}-history", (string)table["name"]!);
        Assert.Equal("PAY_PER_REQUEST", (string)table["billingMode"]!);
        Assert.Equal(HistoryTableSchema.UserIdAttribute, (string)table["hashKey"]!);
        Assert.Equal(HistoryTableSchema.SeqAttribute, (string)table["rangeKey"]!);
        Assert.Equal(["user_id:S", "seq:N"], table["attributes"]!.AsArray().Select(attribute => $"{attribute!["name"]}:{attribute["type"]}"));
        Assert.Null(table["globalSecondaryIndexes"]);
        Assert.Equal("expires_at", (string)table["ttl"]!["attributeName"]!);
        Assert.True((bool)table["ttl"]!["enabled"]!);
        Assert.True((bool)table["serverSideEncryption"]!["enabled"]!);
    }

    [Fact]
    public void HistoryTableKeysAreTheOnesTheStoreCreatesTablesWith()
    {
        var table = Templates.Dev().Properties("history-table");
        var request = TableRequests.Create(HistoryTableSchema.Table, "any");

        Assert.Equal(
            request.KeySchema.Select(key => key.AttributeName),
            [(string)table["hashKey"]!, (string)table["rangeKey"]!]);
        Assert.Equal(
            request.AttributeDefinitions.Select(attribute => $"{attribute.AttributeName}:{attribute.AttributeType.Value}"),
            table["attributes"]!.AsArray().Select(attribute => $"{attribute!["name"]}:{attribute["type"]}"));
    }

    [Theory]
    [InlineData("connections-function")]
    [InlineData("publisher-function")]
    public void BothFunctionsGetTheTableNameAndRetentionInSeconds(string function)
    {
        var variables = StackRun.ForStack("dev", new Dictionary<string, string> { ["historyHours"] = "2" })
            .Template().Properties(function)["environment"]!["variables"]!;

        Assert.Equal("${history-table.name}", (string)variables[EnvironmentVariables.HistoryTable]!);
        Assert.Equal("7200", (string)variables[EnvironmentVariables.HistorySeconds]!);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("24")]
    [InlineData("8760")]
    public void EveryRetentionTheStackAcceptsStartsTheFunctions(string hours)
    {
        var template = StackRun.ForStack("dev", new Dictionary<string, string> { ["historyHours"] = hours }).Template();

        var options = HistoryOptions.FromEnvironment(FunctionEnvironment(template, "publisher-function"));

        Assert.NotNull(options);
        Assert.Equal(TimeSpan.FromHours(int.Parse(hours, System.Globalization.CultureInfo.InvariantCulture)), options.Retention);
    }

    [Theory]
    [InlineData("-1", "is -1")]
    [InlineData("8761", "is 8761")]
    [InlineData("1.5", "is '1.5', not an integer")]
    public void AnOutOfRangeHistoryHoursIsRefusedNamingTheKeyAndRange(string hours, string problem)
    {
        var run = StackRun.ForStack("dev", new Dictionary<string, string> { ["historyHours"] = hours });

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains($"'rtc-pulumi:historyHours' {problem}", run.Stderr);
        Assert.Contains("allowed: an integer from 0 to 8760", run.Stderr);
    }

    [Fact]
    public void ConnectionsRoleMayOnlyQueryTheHistoryTable()
    {
        var history = PolicyStatements.Of(Templates.Prod(), "connections-role-policy")
            .Where(statement => statement.Resource.StartsWith("${history-table", StringComparison.Ordinal));

        var only = Assert.Single(history);
        Assert.Equal(["dynamodb:Query"], only.Actions);
        Assert.Equal(HistoryTableArn, only.Resource);
    }

    [Fact]
    public void PublisherRoleMayOnlyUpdateAndPutItemsOfTheHistoryTable()
    {
        var history = PolicyStatements.Of(Templates.Prod(), "publisher-role-policy")
            .Where(statement => statement.Resource.StartsWith("${history-table", StringComparison.Ordinal));

        var only = Assert.Single(history);
        Assert.Equal(["dynamodb:UpdateItem", "dynamodb:PutItem"], only.Actions);
        Assert.Equal(HistoryTableArn, only.Resource);
    }

    [Fact]
    public void AuthorizerRoleHasNoHistoryAccess()
    {
        Assert.DoesNotContain(PolicyStatements.Of(Templates.Prod(), "authorizer-role-policy"),
            statement => statement.Resource.Contains("history", StringComparison.Ordinal));
    }

    [Fact]
    public void StackExportsTheHistoryTableNameAndClientConfigSaysHistoryIsOnForHowLong()
    {
        var outputs = Templates.Dev()["outputs"]!;

        Assert.Equal("${history-table.name}", (string)outputs["historyTableName"]!);
        Assert.Equal("""{"enabled":true,"seconds":86400}""", outputs["clientConfig"]!["history"]!.ToJsonString());
    }

    [Fact]
    public void HistoryHoursZeroCreatesNoTableGrantsNoVariablesAndNoOutput()
    {
        var template = HistoryOff();

        Assert.DoesNotContain("history-table", template.Resources().Select(resource => resource.Key));
        Assert.Single(template.OfType("aws:dynamodb/table:Table"));
        Assert.DoesNotContain(PolicyStatements.All(template), statement => statement.Resource.Contains("history", StringComparison.Ordinal));
        foreach (var function in (string[])["connections-function", "publisher-function"])
        {
            var environment = FunctionEnvironment(template, function);
            Assert.Null(environment.Get(EnvironmentVariables.HistoryTable));
            Assert.Null(environment.Get(EnvironmentVariables.HistorySeconds));
            Assert.Null(HistoryOptions.FromEnvironment(environment));
        }

        Assert.Null(template["outputs"]!["historyTableName"]);
        Assert.Equal("""{"enabled":false,"seconds":0}""", template["outputs"]!["clientConfig"]!["history"]!.ToJsonString());
    }

    [Fact]
    public void TemplateWithoutHistoryIsValidAgainstThePinnedProviderSchema()
    {
        Assert.Empty(new TemplateValidator(ProviderSchema.Pinned, ProjectFile.DeclaredConfigKeys()).Validate(HistoryOff()));
    }

    private static DictionaryEnvironment FunctionEnvironment(JsonObject template, string function) => new(
        template.Properties(function)["environment"]!["variables"]!.AsObject()
            .ToDictionary(variable => variable.Key, variable => (string?)variable.Value));
}
