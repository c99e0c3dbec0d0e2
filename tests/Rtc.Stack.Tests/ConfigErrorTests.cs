namespace Rtc.Stack.Tests;

/// <summary>Bad config stops the program before it prints anything, naming the key and what is allowed.</summary>
public sealed class ConfigErrorTests
{
    [Theory]
    [InlineData("rtc-pulumi:memorySise", "512", "rtc-pulumi:memorySise", "memorySize")]
    [InlineData("memorySize", "lots", "rtc-pulumi:memorySize", "128 to 10240")]
    [InlineData("memorySize", "64", "rtc-pulumi:memorySize", "128 to 10240")]
    [InlineData("timeout", "901", "rtc-pulumi:timeout", "1 to 900")]
    [InlineData("architecture", "mips", "rtc-pulumi:architecture", "x86_64 or arm64")]
    [InlineData("functionPackaging", "native", "rtc-pulumi:functionPackaging", "aot or managed")]
    [InlineData("logRetentionDays", "10", "rtc-pulumi:logRetentionDays", "14")]
    [InlineData("heartbeatSeconds", "600", "rtc-pulumi:heartbeatSeconds", "10 to 540")]
    [InlineData("production", "yes", "rtc-pulumi:production", "true or false")]
    [InlineData("auth", "basic", "rtc-pulumi:auth", "none or jwt")]
    [InlineData("eventPattern", "{not json", "rtc-pulumi:eventPattern", "JSON object")]
    [InlineData("alarmTopicArn", "my-topic", "rtc-pulumi:alarmTopicArn", "SNS topic ARN")]
    [InlineData("authJwksUrl", "http://insecure.example/jwks", "rtc-pulumi:authJwksUrl", "https URL")]
    [InlineData("throttlingBurstLimit", "5001", "rtc-pulumi:throttlingBurstLimit", "0 to 5000")]
    [InlineData("throttlingRateLimit", "-1", "rtc-pulumi:throttlingRateLimit", "0 to 10000")]
    [InlineData("authTokenSource", "header", "rtc-pulumi:authTokenSource", "query or protocol")]
    [InlineData("authUserClaim", " ", "rtc-pulumi:authUserClaim", "a claim name")]
    [InlineData("eventBusName", "", "rtc-pulumi:eventBusName", "a bus name")]
    [InlineData("eventPattern", "[]", "rtc-pulumi:eventPattern", "JSON object")]
    [InlineData("allowUnauthenticatedConnections", "maybe", "rtc-pulumi:allowUnauthenticatedConnections", "true or false")]
    public void InvalidValueExitsNonZeroNamingTheKeyAndWhatIsAllowed(string key, string value, string named, string allowed)
    {
        var run = StackRun.ForStack("dev", new Dictionary<string, string> { [key] = value });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains(named, run.Stderr);
        Assert.Contains(allowed, run.Stderr);
    }

    [Fact]
    public void JwtWithoutIssuerIsRejected()
    {
        var run = StackRun.ForStack("dev", new Dictionary<string, string> { ["auth"] = "jwt" });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("'rtc-pulumi:authIssuer'", run.Stderr);
    }

    [Fact]
    public void JwtWithBothJwksUrlAndSecretIsRejectedWithoutEchoingTheSecret()
    {
        const string secret = "a-shared-secret-that-must-never-be-printed";
        var run = StackRun.ForProd(new Dictionary<string, string> { ["authHs256Secret"] = secret });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("'rtc-pulumi:authJwksUrl' and 'rtc-pulumi:authHs256Secret' are both set", run.Stderr);
        Assert.DoesNotContain(secret, run.Stderr);
    }

    [Fact]
    public void JwtWithNeitherJwksUrlNorSecretIsRejected()
    {
        var run = StackRun.ForStack("dev", new Dictionary<string, string>
        {
            ["auth"] = "jwt", ["authIssuer"] = "https://issuer.example", ["authAudience"] = "rtc",
        });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("'rtc-pulumi:authJwksUrl' and 'rtc-pulumi:authHs256Secret' are both empty", run.Stderr);
        Assert.Contains("exactly one of them", run.Stderr);
    }

    [Fact]
    public void ShortHs256SecretIsRejectedWithoutEchoingIt()
    {
        var run = StackRun.ForStack("dev", new Dictionary<string, string> { ["authHs256Secret"] = "short-secret" });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("'rtc-pulumi:authHs256Secret'", run.Stderr);
        Assert.DoesNotContain("short-secret", run.Stderr);
    }

    [Fact]
    public void ConfigOfOtherNamespacesIsLeftToTheirProviders()
    {
        var run = StackRun.ForStack("dev", new Dictionary<string, string> { ["aws:profile"] = "ops" });

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void StackNameTooLongForAwsNamesIsRejected()
    {
        var run = StackRun.Run([], new Dictionary<string, string?>
        {
            ["PULUMI_STACK"] = new string('s', 60),
            ["PULUMI_CONFIG"] = "{}",
            [StackProgram.SkipPublishVariable] = "1",
        });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("too long", run.Stderr);
    }

    [Fact]
    public void UnknownArgumentsAreRejected()
    {
        var run = StackRun.Run(["--stak", "prod"], new Dictionary<string, string?>());

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--stack <name>", run.Stderr);
    }
}
