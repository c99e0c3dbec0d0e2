namespace Rtc.Stack.Tests;

/// <summary>
/// Values the stack files ship as placeholders stop the compile, naming each key and the command that sets it:
/// a template built from them would deploy an authorizer that refuses everyone.
/// </summary>
public sealed class PlaceholderTests
{
    [Fact]
    public void StockProdStackFileIsRefusedNamingEveryPlaceholderKeyAndTheCommandThatSetsIt()
    {
        var run = StackRun.ForStack("prod");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("'rtc-pulumi:authIssuer' still holds the placeholder REPLACEME", run.Stderr);
        Assert.Contains("pulumi config set rtc-pulumi:authIssuer <value> --stack prod", run.Stderr);
        Assert.Contains("'rtc-pulumi:authJwksUrl' still holds the placeholder REPLACEME", run.Stderr);
        Assert.Contains("pulumi config set rtc-pulumi:authJwksUrl <value> --stack prod", run.Stderr);
    }

    [Fact]
    public void StockProdStackFileIsRefusedForPeopleToo()
    {
        var run = StackRun.Run(["--stack", "prod"], new Dictionary<string, string?>());

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("pulumi config set rtc-pulumi:authIssuer <value> --stack prod", run.Stderr);
    }

    [Fact]
    public void PlaceholderInASecretKeyNamesTheSecretCommandWithoutEchoingTheValue()
    {
        const string value = "REPLACEME-with-a-shared-secret-of-32-characters";
        var run = StackRun.ForStack("dev", new Dictionary<string, string>
        {
            ["auth"] = "jwt", ["authIssuer"] = "https://issuer.example", ["authAudience"] = "rtc", ["authHs256Secret"] = value,
        });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("pulumi config set --secret rtc-pulumi:authHs256Secret <value> --stack dev", run.Stderr);
        Assert.DoesNotContain(value, run.Stderr);
    }

    [Fact]
    public void PlaceholderIsRefusedBeforeTheKeysOwnCheck()
    {
        var run = StackRun.ForStack("dev", new Dictionary<string, string> { ["memorySize"] = ProjectConfig.Placeholder });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("pulumi config set rtc-pulumi:memorySize <value> --stack dev", run.Stderr);
        Assert.Contains("128 to 10240", run.Stderr);
    }
}
