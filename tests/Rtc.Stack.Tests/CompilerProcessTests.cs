namespace Rtc.Stack.Tests;

/// <summary>The exact compiler command of Pulumi.yaml, run as Pulumi runs it, prints the template and only that.</summary>
/// <remarks>In the publish collection: the command builds the functions project (see <see cref="PackagingCollection"/>).</remarks>
[Collection(PackagingCollection.Name)]
public sealed class CompilerProcessTests
{
    [Fact]
    public async Task CompilerCommandPrintsOnlyTheTemplateOnStdoutWithAndWithoutAStack()
    {
        var withStack = await RunCompilerAsync(new Dictionary<string, string>
        {
            ["PULUMI_STACK"] = "dev",
            ["PULUMI_CONFIG"] = """{"aws:region":"eu-west-2","rtc-pulumi:memorySize":"256"}""",
            [StackProgram.SkipPublishVariable] = "1",
        });
        var withoutStack = await RunCompilerAsync(new Dictionary<string, string>());

        Assert.True(withStack.ExitCode == 0, withStack.Stderr);
        Assert.Equal(256, (int)JsonNode.Parse(withStack.Stdout)!["resources"]!["connections-function"]!["properties"]!["memorySize"]!);
        Assert.True(withoutStack.ExitCode == 0, withoutStack.Stderr);
        Assert.Equal("rtc-pulumi", (string)JsonNode.Parse(withoutStack.Stdout)!["name"]!);
    }

    [Fact]
    public async Task CompilerCommandFailsWithTheKeyOnStderrForBadConfig()
    {
        var run = await RunCompilerAsync(new Dictionary<string, string>
        {
            ["PULUMI_STACK"] = "dev",
            ["PULUMI_CONFIG"] = """{"rtc-pulumi:architecture":"sparc"}""",
            [StackProgram.SkipPublishVariable] = "1",
        });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("rtc-pulumi:architecture", run.Stderr);
    }

    private static async Task<StackRun> RunCompilerAsync(Dictionary<string, string> environment)
    {
        var command = ProjectFile.Load("Pulumi.yaml").Child("runtime").Child("options").Child("compiler").Text().Split(' ');
        // As Pulumi does: the stack's variables, and none of them when it asks which plugins are needed.
        var variables = new Dictionary<string, string?>();
        foreach (var name in (string[])["PULUMI_STACK", "PULUMI_CONFIG", "PULUMI_PROJECT", StackProgram.SkipPublishVariable])
        {
            variables[name] = null;
        }

        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        // The command builds the stack program first, which takes minutes on a busy machine.
        var run = await ChildProcess.RunAsync(command[0], command.Skip(1), variables, RepositoryPaths.Root, timeout: TimeSpan.FromMinutes(5));
        return new StackRun(run.ExitCode, run.Output, run.Error);
    }
}
