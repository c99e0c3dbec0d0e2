using Rtc.Contracts;
using Rtc.Stack.Configuration;
using Rtc.Stack.Infrastructure;
using Rtc.Stack.Packaging;

namespace Rtc.Stack;

/// <summary>
/// The compiler Pulumi's YAML language host runs: reads the stack's config, publishes the functions, and prints
/// the template on stdout and nothing else; progress and errors go to stderr.
/// </summary>
/// <remarks>
/// Modes: with <c>PULUMI_STACK</c> (run by Pulumi) it reads <c>PULUMI_CONFIG</c> and publishes the code; without
/// it (Pulumi asking which plugins the program needs) it prints the default template without publishing;
/// <c>--stack NAME</c> prints a stack's template for people from <c>Pulumi.NAME.yaml</c>, without publishing.
/// <c>RTC_STACK_SKIP_PUBLISH=1</c> skips publishing in every mode (template-only checks).
/// <c>--write-project-config</c> rewrites <c>Pulumi.yaml</c>'s <c>config:</c> block from the declared keys and
/// prints nothing on stdout.
/// </remarks>
internal static class StackProgram
{
    /// <summary>Set to <c>1</c> to print the template without publishing the functions.</summary>
    public const string SkipPublishVariable = "RTC_STACK_SKIP_PUBLISH";

    /// <summary>Runs the program; returns the exit code.</summary>
    /// <param name="args">Command-line arguments: none, <c>--stack NAME</c> or <c>--write-project-config</c>.</param>
    /// <param name="environment">Environment variables (<c>PULUMI_STACK</c>, <c>PULUMI_CONFIG</c>, ...).</param>
    /// <param name="workingDirectory">Where to look for <c>Pulumi.yaml</c> (this directory or above).</param>
    /// <param name="stdout">Receives the template only.</param>
    /// <param name="stderr">Receives progress and errors.</param>
    /// <param name="cancellationToken">Cancels a running publish.</param>
    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string?> environment, string workingDirectory,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        try
        {
            var projectDirectory = FindProjectDirectory(workingDirectory);
            if (args is [ProjectFileWriter.Option])
            {
                await ProjectFileWriter.WriteAsync(projectDirectory, cancellationToken);
                await stderr.WriteLineAsync($"rtc-stack: wrote the config block of {ProjectFileWriter.FileName} ({ProjectConfig.All.Count} keys)");
                return 0;
            }

            var (stackName, config, runByPulumi) = ReadInvocation(args, environment, projectDirectory);
            var settings = StackSettingsReader.Read(stackName, config);
            await stderr.WriteLineAsync(
                $"rtc-stack: template for stack '{stackName ?? "(none)"}' (production: {settings.Production}, auth: {AuthModes.NameOf(settings.Auth.Mode)}, " +
                $"architecture: {settings.Architecture}, packaging: {FunctionCode.ConfigValue(settings.Packaging)})");
            if (runByPulumi && environment.GetValueOrDefault(SkipPublishVariable) != "1")
            {
                await new FunctionPackager(projectDirectory, stderr, AotToolchain.Host)
                    .PackageAsync(settings.Packaging, settings.Architecture, cancellationToken);
            }

            var template = RtcStack.Build(settings).ToJson();
            await stdout.WriteLineAsync(template);
            await stdout.FlushAsync(cancellationToken);
            return 0;
        }
        catch (StackConfigException exception)
        {
            // One problem per line (placeholders are reported all at once), each marked as this program's.
            foreach (var line in exception.Message.Split('\n'))
            {
                await stderr.WriteLineAsync($"rtc-stack: {line}");
            }

            return 2;
        }
        catch (InvalidOperationException exception)
        {
            await stderr.WriteLineAsync($"rtc-stack: {exception.Message}");
            return 1;
        }
    }

    private static (string? StackName, IReadOnlyDictionary<string, string> Config, bool RunByPulumi) ReadInvocation(
        string[] args, IReadOnlyDictionary<string, string?> environment, string projectDirectory)
    {
        if (args.Length > 0)
        {
            if (args is not ["--stack", var name] || string.IsNullOrWhiteSpace(name))
            {
                throw new StackConfigException($"Unknown arguments '{string.Join(' ', args)}'; allowed: none, --stack <name>, or {ProjectFileWriter.Option}.");
            }

            return (name, StackFileReader.Read(projectDirectory, name), false);
        }

        var stack = environment.GetValueOrDefault("PULUMI_STACK");
        return string.IsNullOrEmpty(stack)
            ? (null, new Dictionary<string, string>(), false)
            : (stack, PulumiConfigParser.Parse(environment.GetValueOrDefault("PULUMI_CONFIG")), true);
    }

    private static string FindProjectDirectory(string workingDirectory)
    {
        for (var directory = new DirectoryInfo(workingDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ProjectFileWriter.FileName)))
            {
                return directory.FullName;
            }
        }

        throw new StackConfigException($"No Pulumi.yaml in '{workingDirectory}' or above; allowed: run from the project directory.");
    }
}
