using System.Text;

namespace Rtc.Stack.Tests.Support;

/// <summary>What one in-process run of the program printed.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Everything written to stdout.</param>
/// <param name="Stderr">Everything written to stderr.</param>
internal sealed record StackRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs the program in-process as Pulumi would for <paramref name="stackName"/>, with that stack
    /// file's config plus <paramref name="overrides"/> (project keys without namespace), never publishing.</summary>
    public static StackRun ForStack(string stackName, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var config = new Dictionary<string, string>(StackFileReader.Read(RepositoryPaths.Root, stackName));
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            config[key.Contains(':') ? key : $"{ProjectConfig.ProjectName}:{key}"] = value;
        }

        return Run([], new Dictionary<string, string?>
        {
            ["PULUMI_STACK"] = stackName,
            ["PULUMI_CONFIG"] = ToJson(config),
            [StackProgram.SkipPublishVariable] = "1",
        });
    }

    /// <summary>
    /// Runs the prod stack as its owner would after filling in what <c>Pulumi.prod.yaml</c> ships as placeholders
    /// (<see cref="ProdFilledIn"/>), plus <paramref name="overrides"/>.
    /// </summary>
    public static StackRun ForProd(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var config = new Dictionary<string, string>(ProdFilledIn);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            config[key] = value;
        }

        return ForStack("prod", config);
    }

    /// <summary>Real-looking values for the keys <c>Pulumi.prod.yaml</c> ships as placeholders (a Cognito user pool).</summary>
    public static IReadOnlyDictionary<string, string> ProdFilledIn { get; } = new Dictionary<string, string>
    {
        ["authIssuer"] = "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Ab12Cd34E",
        ["authJwksUrl"] = "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Ab12Cd34E/.well-known/jwks.json",
    };

    /// <summary>Runs the program in-process without a stack (Pulumi's plugin discovery).</summary>
    public static StackRun WithoutStack() => Run([], new Dictionary<string, string?>());

    /// <summary>
    /// Runs the program in-process with the given arguments and environment, from <paramref name="workingDirectory"/>
    /// (default: the repository root).
    /// </summary>
    public static StackRun Run(string[] args, IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = StackProgram.RunAsync(args, environment, workingDirectory ?? RepositoryPaths.Root, stdout, stderr).GetAwaiter().GetResult();
        return new StackRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The printed template, parsed; fails the test when the run failed.</summary>
    public JsonObject Template()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}: {Stderr}");
        return JsonNode.Parse(Stdout)!.AsObject();
    }

    private static string ToJson(Dictionary<string, string> config)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in config)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
