namespace Rtc.Stack.Tests;

/// <summary>Pulumi.yaml and the stack files agree with the program.</summary>
public sealed class ProjectFileTests
{
    [Fact]
    public void PulumiYamlConfigBlockIsWhatTheWriteCommandWrites()
    {
        var current = File.ReadAllText(RepositoryPaths.PathOf(ProjectFileWriter.FileName));

        Assert.True(ProjectFileWriter.Render(current) == current,
            $"Pulumi.yaml's config block differs from stack/Configuration/ProjectConfig.cs; run `{ProjectFileWriter.Command}`.");
    }

    [Fact]
    public void PulumiYamlDeclaresEveryKeyTheProgramReadsWithItsTypeDefaultAndAllowedValues()
    {
        var project = ProjectFile.Load("Pulumi.yaml");

        Assert.Equal(ProjectConfig.ProjectName, project.Child("name").Text());
        Assert.Equal(ProjectConfig.All.Select(key => key.Name).Order(), ProjectFile.DeclaredConfigKeys().Order());
        foreach (var key in ProjectConfig.All)
        {
            var declaration = project.Child("config").Child(key.Name);
            Assert.Equal(key.PulumiType, declaration.Child("type").Text());
            Assert.Equal(key.DefaultText, declaration.Child("default").Text());
            Assert.EndsWith($"Allowed: {key.Allowed}.", declaration.Child("description").Text());
        }
    }

    [Fact]
    public void DocsConfigurationTableListsEveryKeyWithItsTypeAndDefault()
    {
        // Rows such as: | `memorySize` | integer | 512 | 512 | 1024 | 128-10240 MB, every function |
        var rows = File.ReadLines(RepositoryPaths.PathOf("docs/stack.md"))
            .SkipWhile(line => line != "## Configuration")
            .TakeWhile((line, index) => index == 0 || !line.StartsWith("## ", StringComparison.Ordinal))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => cells[1].Trim('`'), cells => (Type: cells[2].Split(' ')[0], Default: cells[3].Trim('`')));

        foreach (var key in ProjectConfig.All)
        {
            Assert.True(rows.TryGetValue(key.Name, out var row), $"docs/stack.md has no configuration row for {key.Name}");
            Assert.Equal(key.PulumiType, row.Type);
            Assert.Equal(key.DefaultText.Length == 0 ? "\"\"" : key.DefaultText, row.Default);
        }
    }

    [Fact]
    public void WriteCommandReplacesAStaleConfigBlockAndKeepsTheRestOfTheFile()
    {
        var directory = Directory.CreateTempSubdirectory("rtc-project-file-");
        try
        {
            var path = Path.Combine(directory.FullName, ProjectFileWriter.FileName);
            File.WriteAllText(path, """
                name: rtc-pulumi
                runtime:
                  name: yaml
                  # kept as it is
                config:
                  memorySize:
                    type: integer
                    default: 256
                  retiredKey:
                    type: string
                description: after the block
                """);

            var run = StackRun.Run([ProjectFileWriter.Option], new Dictionary<string, string?>(), directory.FullName);

            Assert.Equal(0, run.ExitCode);
            Assert.Equal("", run.Stdout);
            var written = File.ReadAllText(path);
            Assert.StartsWith("name: rtc-pulumi\nruntime:\n  name: yaml\n  # kept as it is\nconfig:\n", written);
            Assert.EndsWith("\ndescription: after the block\n", written);
            Assert.DoesNotContain("retiredKey", written);
            Assert.Contains("  memorySize:\n    type: integer\n    default: 512\n", written);
            Assert.Equal(written, ProjectFileWriter.Render(written));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void CompilerIsTheStackProgramRunFromTheProjectDirectory()
    {
        var runtime = ProjectFile.Load("Pulumi.yaml").Child("runtime");

        Assert.Equal("yaml", runtime.Child("name").Text());
        var compiler = runtime.Child("options").Child("compiler").Text().Split(' ');
        Assert.True(File.Exists(RepositoryPaths.PathOf(compiler[1])), $"{compiler[1]} does not exist");
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void StackFileSetsTheRegionAndOnlyDeclaredProjectKeys(string stack)
    {
        var config = StackFileReader.Read(RepositoryPaths.Root, stack);

        Assert.False(string.IsNullOrEmpty(config.GetValueOrDefault("aws:region")));
        Assert.All(config.Keys.Where(key => key.StartsWith(ProjectConfig.ProjectName + ":", StringComparison.Ordinal)),
            key => Assert.Contains(key[(ProjectConfig.ProjectName.Length + 1)..], ProjectFile.DeclaredConfigKeys()));
    }

    [Fact]
    public void StackOptionPrintsThatStacksTemplateForPeople()
    {
        var directory = Directory.CreateTempSubdirectory("rtc-stack-option-");
        try
        {
            // Pulumi.prod.yaml as its owner leaves it after `pulumi config set`: placeholders filled in.
            File.Copy(RepositoryPaths.PathOf(ProjectFileWriter.FileName), Path.Combine(directory.FullName, ProjectFileWriter.FileName));
            var prod = File.ReadAllText(RepositoryPaths.PathOf("Pulumi.prod.yaml"))
                .Replace(ProjectConfig.Placeholder, "Ab12Cd34E", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(directory.FullName, "Pulumi.prod.yaml"), prod);

            var run = StackRun.Run(["--stack", "prod"], new Dictionary<string, string?>(), directory.FullName);

            Assert.Equal(0, run.ExitCode);
            var authorizer = run.Template().Properties("authorizer-function")["environment"]!["variables"]!;
            Assert.Equal("https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Ab12Cd34E", (string)authorizer["RTC_AUTH_ISSUER"]!);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
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
