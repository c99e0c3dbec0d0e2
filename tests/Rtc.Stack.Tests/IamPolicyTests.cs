namespace Rtc.Stack.Tests;

/// <summary>Every role gets exactly what its function needs, on exactly the resources it touches.</summary>
public sealed class IamPolicyTests
{
    private const string TableArn = "${connections-table.arn}";
    private const string HistoryTableArn = "${history-table.arn}";
    private const string ConnectionsArn = "${websocket-api.executionArn}/${websocket-stage.name}/POST/@connections/*";
    private const string CloseConnectionsArn = "${websocket-api.executionArn}/${websocket-stage.name}/DELETE/@connections/*";

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("none")]
    public void PoliciesHaveNoWildcardActions(string stack)
    {
        var statements = PolicyStatements.All(Templates.Named(stack));

        Assert.NotEmpty(statements);
        Assert.All(statements, statement => Assert.All(statement.Actions, action => Assert.DoesNotContain("*", action)));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void PolicyResourcesHaveNoWildcardBeyondLogStreamsAndTheStagesConnectionsPath(string stack)
    {
        // The two trailing wildcards are the only way to name these resources: a log group's streams
        // ("{logGroupArn}:*") and the connection ids under one stage's @connections path.
        foreach (var statement in PolicyStatements.All(Templates.Named(stack)))
        {
            var withoutAllowedSuffix = statement.Resource is ConnectionsArn or CloseConnectionsArn
                ? statement.Resource[..^"/*".Length]
                : statement.Resource.EndsWith("-logs.arn}:*", StringComparison.Ordinal) ? statement.Resource[..^":*".Length] : statement.Resource;
            Assert.DoesNotContain("*", withoutAllowedSuffix);
        }
    }

    [Fact]
    public void ConnectionsRoleWritesAndReadsRowsQueriesHistoryPostsToItsStageAndLogsToItsOwnGroup()
    {
        var statements = PolicyStatements.Of(Templates.Prod(), "connections-role-policy");

        Assert.Equal(
        [
            ("logs:CreateLogStream,logs:PutLogEvents", "${connections-logs.arn}:*"),
            ("dynamodb:PutItem,dynamodb:DeleteItem,dynamodb:GetItem", TableArn),
            ("dynamodb:Query", HistoryTableArn),
            ("execute-api:ManageConnections", ConnectionsArn),
        ], statements.Select(statement => (string.Join(",", statement.Actions), statement.Resource)));
    }

    [Fact]
    public void PublisherRoleQueriesTheIndexDeletesRowsAppendsHistoryPostsToAndClosesItsStagesConnectionsAndLogsToItsOwnGroup()
    {
        var statements = PolicyStatements.Of(Templates.Prod(), "publisher-role-policy");

        Assert.Equal(
        [
            ("logs:CreateLogStream,logs:PutLogEvents", "${publisher-logs.arn}:*"),
            ("dynamodb:Query", TableArn + "/index/UserIdIndex"),
            ("dynamodb:DeleteItem", TableArn),
            ("dynamodb:UpdateItem,dynamodb:PutItem", HistoryTableArn),
            ("execute-api:ManageConnections", ConnectionsArn),
            ("execute-api:ManageConnections", CloseConnectionsArn),
        ], statements.Select(statement => (string.Join(",", statement.Actions), statement.Resource)));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("none")]
    public void OnlyThePublisherMayCloseConnectionsAndOnlyWithDelete(string stack)
    {
        var template = Templates.Named(stack);

        var closers = PolicyStatements.All(template).Where(statement => statement.Resource.Contains("/DELETE/", StringComparison.Ordinal)).ToList();

        Assert.Equal(CloseConnectionsArn, Assert.Single(closers).Resource);
        Assert.DoesNotContain(PolicyStatements.Of(template, "connections-role-policy"), statement => statement.Resource == CloseConnectionsArn);
        Assert.All(PolicyStatements.All(template).Where(statement => statement.Resource.Contains("@connections", StringComparison.Ordinal)),
            statement => Assert.True(statement.Resource is ConnectionsArn or CloseConnectionsArn, statement.Resource));
    }

    [Fact]
    public void AuthorizerRoleMayOnlyWriteItsOwnLogs()
    {
        var statements = PolicyStatements.Of(Templates.Prod(), "authorizer-role-policy");

        var only = Assert.Single(statements);
        Assert.Equal("${authorizer-logs.arn}:*", only.Resource);
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], only.Actions);
    }

    [Fact]
    public void EachRoleTrustsOnlyLambda()
    {
        var template = Templates.Prod();

        foreach (var role in template.OfType("aws:iam/role:Role"))
        {
            var statement = Assert.Single(template.Properties(role)["assumeRolePolicy"]!["fn::toJSON"]!["Statement"]!.AsArray());
            Assert.Equal("lambda.amazonaws.com", (string)statement!["Principal"]!["Service"]!);
            Assert.Equal("sts:AssumeRole", (string)statement["Action"]!);
        }
    }

    [Fact]
    public void ApiMayInvokeTheConnectionsFunctionOnlyForItsOwnStageAndRoutes()
    {
        var template = Templates.Dev();

        var sources = template.OfType("aws:lambda/permission:Permission")
            .Where(permission => (string?)template.Properties(permission)["principal"] == "apigateway.amazonaws.com")
            .Select(permission => (string)template.Properties(permission)["sourceArn"]!);

        Assert.Equal(
            ["$connect", "$disconnect", "$default", "resume"],
            sources.Select(source => source.Replace("${websocket-api.executionArn}/${websocket-stage.name}/", "", StringComparison.Ordinal)));
    }
}
