using Rtc.Stack.Configuration;
using Rtc.Stack.Tests.Support;

namespace Rtc.Stack.Tests;

/// <summary>Pulumi.yaml and the stack files agree with the program.</summary>
public sealed class ProjectFileTests
{
    [Fact]
    public void PulumiYamlDeclaresEveryKeyTheProgramReadsWithItsTypeAndDefault()
    {
        var project = ProjectFile.Load("Pulumi.yaml");

        Assert.Equal(ProjectConfig.ProjectName, project.Child("name").Text());
        Assert.Equal(ProjectConfig.All.Select(key => key.Name).Order(), ProjectFile.DeclaredConfigKeys().Order());
        foreach (var key in ProjectConfig.All)
        {
            var declaration = project.Child("config").Child(key.Name);
            Assert.Equal(key.Type, declaration.Child("type").Text());
            Assert.Equal(key.Default, declaration.Child("default").Text());
        }
    }

    [Fact]
    public void CompilerIsTheStackProgramRunFromTheProjectDirectory()
    {
        var runtime = ProjectFile.Load("Pulumi.yaml").Child("runtime");

        Assert.Equal("yaml", runtime.Child("name").Text());
        var compiler = runtime.Child("options").Child("compiler").Text().Split(' ');
        Assert.True(File.Exists(Repository.PathOf(compiler[1])), $"{compiler[1]} does not exist");
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void StackFileSetsTheRegionAndOnlyDeclaredProjectKeys(string stack)
    {
        var config = StackFileReader.Read(Repository.Root, stack);

        Assert.False(string.IsNullOrEmpty(config.GetValueOrDefault("aws:region")));
        Assert.All(config.Keys.Where(key => key.StartsWith(ProjectConfig.ProjectName + ":", StringComparison.Ordinal)),
            key => Assert.Contains(key[(ProjectConfig.ProjectName.Length + 1)..], ProjectFile.DeclaredConfigKeys()));
    }

    [Fact]
    public void StackOptionPrintsThatStacksTemplateForPeople()
    {
        var run = StackRun.Run(["--stack", "prod"], new Dictionary<string, string?>());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("connect-authorizer", run.Template().Resources().Select(resource => resource.Key));
    }

    [Fact]
    public void RunWithoutAStackPrintsTheTemplateWithoutPublishing()
    {
        var run = StackRun.WithoutStack();

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("publishing", run.Stderr);
        Assert.Equal("artifacts/functions/aot-x86_64/function.zip",
            (string)run.Template().Properties("connections-function")["code"]!["fn::fileArchive"]!);
    }
}
