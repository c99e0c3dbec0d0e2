using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Rtc.Stack.Tests;

/// <summary>The GitHub workflows parse, name files and stacks that exist, and deploy in the documented order.</summary>
public sealed partial class WorkflowTests
{
    private static IEnumerable<(string Job, YamlMappingNode Step)> Steps(string workflow) =>
        ((YamlMappingNode)ProjectFile.Load($".github/workflows/{workflow}").Child("jobs")).Children
            .SelectMany(job => ((YamlSequenceNode)job.Value.Child("steps")).Children
                .Select(step => (job.Key.Text(), (YamlMappingNode)step)));

    [Theory]
    [InlineData("ci.yml")]
    [InlineData("pulumi.yml")]
    public void WorkflowParsesAndEveryPathItNamesExists(string workflow)
    {
        foreach (var (job, step) in Steps(workflow))
        {
            foreach (var key in (string[])["global-json-file", "work-dir"])
            {
                if (step.ChildOrNull("with")?.ChildOrNull(key) is { } path)
                {
                    Assert.True(Path.Exists(RepositoryPaths.PathOf(path.Text())), $"{workflow} {job}: {key} '{path.Text()}' does not exist");
                }
            }

            foreach (Match script in ScriptPath().Matches(step.ChildOrNull("run")?.Text() ?? ""))
            {
                Assert.True(File.Exists(RepositoryPaths.PathOf(script.Groups[1].Value)), $"{workflow} {job}: '{script.Value}' does not exist");
            }
        }
    }

    [Fact]
    public void CiRunsTheOneTestCommandOnPullRequestsAndPushes()
    {
        var triggers = (YamlMappingNode)ProjectFile.Load(".github/workflows/ci.yml").Child("on");

        Assert.NotNull(triggers.ChildOrNull("pull_request"));
        Assert.NotNull(triggers.ChildOrNull("push"));
        Assert.Contains(Steps("ci.yml"), step => step.Step.ChildOrNull("run")?.Text() == "bash tests/run");
    }

    [Fact]
    public void EveryPulumiStepNamesAnExistingStackAndFollowsDotnetSetup()
    {
        foreach (var job in Steps("pulumi.yml").GroupBy(step => step.Job))
        {
            var uses = job.Select(step => step.Step.ChildOrNull("uses")?.Text() ?? "").ToList();
            var pulumi = uses.FindIndex(use => use.StartsWith("pulumi/actions@v7", StringComparison.Ordinal));
            Assert.True(pulumi > uses.FindIndex(use => use.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal)) && pulumi > 0,
                $"{job.Key}: .NET must be set up before pulumi/actions");

            var stackName = job.ElementAt(pulumi).Step.Child("with").Child("stack-name").Text();
            IEnumerable<string> stacks = stackName == "${{ matrix.stack }}"
                ? MatrixStacks(job.Key)
                : [stackName];
            Assert.All(stacks, stack => Assert.True(File.Exists(RepositoryPaths.PathOf($"Pulumi.{stack}.yaml")), $"{job.Key}: no Pulumi.{stack}.yaml"));
        }
    }

    [Fact]
    public void PullRequestsPreviewDevAndProdWithACommentAndMainDeploysDevThenProtectedProd()
    {
        var jobs = ProjectFile.Load(".github/workflows/pulumi.yml").Child("jobs");
        var preview = Steps("pulumi.yml").Single(step => step.Job == "preview" && step.Step.ChildOrNull("uses")?.Text() == "pulumi/actions@v7").Step.Child("with");

        Assert.Equal(["dev", "prod"], MatrixStacks("preview"));
        Assert.Equal("preview", preview.Child("command").Text());
        Assert.Equal("true", preview.Child("comment-on-pr").Text());
        Assert.Contains("pull_request", jobs.Child("preview").Child("if").Text());
        Assert.Contains("refs/heads/main", jobs.Child("up-dev").Child("if").Text());
        Assert.Equal("up-dev", jobs.Child("up-prod").Child("needs").Text());
        Assert.Equal("production", jobs.Child("up-prod").Child("environment").Text());
    }

    [Theory]
    [InlineData("ci.yml")]
    [InlineData("pulumi.yml")]
    public void EveryJobInstallsTheArm64CrossToolchainBeforeItCompiles(string workflow)
    {
        foreach (var job in Steps(workflow).GroupBy(step => step.Job))
        {
            var steps = job.Select(step => step.Step.ChildOrNull("run")?.Text() ?? step.Step.ChildOrNull("uses")?.Text() ?? "").ToList();
            var toolchain = steps.FindIndex(step => step.Contains("apt-get install", StringComparison.Ordinal)
                && step.Contains(LambdaArchitecture.Arm64.CrossPackages, StringComparison.Ordinal));
            var compiles = steps.FindIndex(step => step is "bash tests/run" || step.StartsWith("pulumi/actions@", StringComparison.Ordinal));

            Assert.True(toolchain >= 0 && toolchain < compiles, $"{workflow} {job.Key}: no '{LambdaArchitecture.Arm64.CrossPackages}' install before it compiles");
        }
    }

    [Fact]
    public void TheTestsInstallTheCrossToolchainAndTheEmulator()
    {
        var script = File.ReadAllText(RepositoryPaths.PathOf("tests/install-deps"));

        Assert.All(LambdaArchitecture.Arm64.CrossPackages.Split(' ').Append("qemu-user-static"),
            package => Assert.Contains($"need_apt+=({package})", script));
    }

    private static IReadOnlyList<string> MatrixStacks(string job) =>
        [.. ((YamlSequenceNode)ProjectFile.Load(".github/workflows/pulumi.yml").Child("jobs").Child(job).Child("strategy").Child("matrix").Child("stack")).Children.Select(node => node.Text())];

    [GeneratedRegex(@"\bbash ([\w./-]+)")]
    private static partial Regex ScriptPath();
}
