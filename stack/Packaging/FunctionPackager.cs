using System.Diagnostics;

namespace Rtc.Stack.Packaging;

/// <summary>
/// Publishes <c>functions/Rtc.Functions</c> ReadyToRun for a Lambda architecture into
/// <c>artifacts/functions/{architecture}</c>. The publish is deterministic (no PDBs, CI-style paths), so
/// unchanged sources give byte-identical files and <c>pulumi preview</c> shows no code change.
/// </summary>
/// <param name="projectDirectory">The directory holding <c>Pulumi.yaml</c>.</param>
/// <param name="log">Where the publish's own output goes (never stdout: that is the template's).</param>
internal sealed class FunctionPackager(string projectDirectory, TextWriter log)
{
    // Two pipes are copied concurrently into one writer.
    private readonly TextWriter logWriter = TextWriter.Synchronized(log);

    /// <summary>The functions project, relative to the project directory.</summary>
    public const string FunctionsProject = "functions/Rtc.Functions/Rtc.Functions.csproj";

    /// <summary>The artifact directory of an architecture, relative to the project directory (as the template names it).</summary>
    public static string ArtifactPath(string architecture) => $"artifacts/functions/{architecture}";

    /// <summary>The .NET runtime identifier for a Lambda architecture.</summary>
    public static string RuntimeIdentifier(string architecture) => architecture switch
    {
        "x86_64" => "linux-x64",
        "arm64" => "linux-arm64",
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "allowed: x86_64, arm64"),
    };

    /// <summary>Publishes into <paramref name="outputDirectory"/> (default: the architecture's artifact path).</summary>
    /// <exception cref="InvalidOperationException">The publish failed; its output is in the log.</exception>
    public async Task PublishAsync(string architecture, string? outputDirectory = null, CancellationToken cancellationToken = default)
    {
        var output = Path.GetFullPath(outputDirectory ?? ArtifactPath(architecture), projectDirectory);
        // A clean directory: files left by an earlier publish (a removed dependency) must not ship.
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = projectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
        [
            "publish", FunctionsProject, "-c", "Release", "-r", RuntimeIdentifier(architecture), "--self-contained", "false",
            "-p:PublishReadyToRun=true", "-p:ContinuousIntegrationBuild=true", "-p:Deterministic=true",
            "-p:DebugType=none", "-p:DebugSymbols=false", "-nologo", "-v", "q", "-o", output,
        ])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        await logWriter.WriteLineAsync($"rtc-stack: publishing {FunctionsProject} for {architecture} into {output}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = CopyAsync(process.StandardOutput, cancellationToken);
        var stderr = CopyAsync(process.StandardError, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await Task.WhenAll(stdout, stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of {FunctionsProject} failed with exit code {process.ExitCode}.");
        }
    }

    private async Task CopyAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            await logWriter.WriteLineAsync(line);
        }
    }
}
