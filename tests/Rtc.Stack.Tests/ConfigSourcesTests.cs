namespace Rtc.Stack.Tests;

/// <summary>Config arrives as Pulumi sends it, or from a stack file for people.</summary>
public sealed class ConfigSourcesTests
{
    [Fact]
    public void PulumiConfigAcceptsStringsNumbersBooleansAndObjectsAsJsonText()
    {
        var config = PulumiConfigParser.Parse("""{"rtc-pulumi:memorySize":1024,"rtc-pulumi:production":true,"rtc-pulumi:eventPattern":{"source":["x"]},"aws:region":"eu-west-1"}""");

        Assert.Equal("1024", config["rtc-pulumi:memorySize"]);
        Assert.Equal("true", config["rtc-pulumi:production"]);
        Assert.Equal("""{"source":["x"]}""", config["rtc-pulumi:eventPattern"]);
        Assert.Equal("eu-west-1", config["aws:region"]);
    }

    [Fact]
    public void PulumiConfigThatIsNotAJsonObjectIsRejected()
    {
        var run = StackRun.Run([], new Dictionary<string, string?>
        {
            ["PULUMI_STACK"] = "dev",
            ["PULUMI_CONFIG"] = "[1, 2",
            [StackProgram.SkipPublishVariable] = "1",
        });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("PULUMI_CONFIG", run.Stderr);
    }

    [Fact]
    public void StackFileEncryptedValuesStandInAsAPlaceholderAndStructuredValuesAsJson()
    {
        var directory = Directory.CreateTempSubdirectory("rtc-stack-file-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "Pulumi.qa.yaml"), """
                config:
                  rtc-pulumi:authHs256Secret:
                    secure: v1:abcdef
                  rtc-pulumi:memorySize: 256
                  other:list:
                    - a
                    - b
                """);

            var config = StackFileReader.Read(directory.FullName, "qa");

            Assert.Equal(StackFileReader.EncryptedPlaceholder, config["rtc-pulumi:authHs256Secret"]);
            Assert.Equal("256", config["rtc-pulumi:memorySize"]);
            Assert.Equal("""["a","b"]""", config["other:list"]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void MissingStackFileIsReportedByName()
    {
        var run = StackRun.Run(["--stack", "staging"], new Dictionary<string, string?>());

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Pulumi.staging.yaml", run.Stderr);
    }
}
