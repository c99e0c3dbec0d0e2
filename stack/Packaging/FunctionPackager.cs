using System.Diagnostics;
using System.Text;

namespace Rtc.Stack.Packaging;

/// <summary>
/// Publishes <c>functions/Rtc.Functions</c> for a packaging and architecture into
/// <c>artifacts/functions/{packaging}-{architecture}/publish</c> (compiling in <c>build/</c> beside it, never in the
/// project's own <c>bin/</c> and <c>obj/</c>, where only NuGet's restore files go) and writes the deployment zip beside it:
/// <c>aot</c> holds the Native AOT executable alone, as <c>bootstrap</c>; <c>managed</c> holds the ReadyToRun publish
/// folder. A publish whose inputs (<see cref="PublishCacheKey"/>) have not changed is reused, so a preview after a
/// deploy compiles nothing. Both zips are deterministic (<see cref="DeterministicZip"/>).
/// </summary>
/// <param name="projectDirectory">The directory holding <c>functions/</c> and the build files (the checkout's root).</param>
/// <param name="log">Where progress and the publish's own output go (never stdout: that is the template's).</param>
/// <param name="toolchain">What this machine can build with Native AOT.</param>
internal sealed class FunctionPackager(string projectDirectory, TextWriter log, AotToolchain toolchain)
{
    // Under the artifact directory: what dotnet publish writes, the cache key of that publish, and the publish's
    // own bin/ and obj/.
    private const string PublishFolder = "publish";
    private const string CacheKeyFile = "cache-key";
    private const string BuildFolder = "build";

    // Two pipes are copied concurrently into one writer.
    private readonly TextWriter logWriter = TextWriter.Synchronized(log);

    /// <summary>Publishes (unless the previous publish is still current) and writes the zip.</summary>
    /// <exception cref="InvalidOperationException">AOT cannot be built on this machine, or the publish failed (its output is in the log).</exception>
    public async Task<FunctionPackage> PackageAsync(FunctionPackaging packaging, string architecture, CancellationToken cancellationToken = default)
    {
        var target = LambdaArchitecture.Named(architecture);
        var artifacts = Path.GetFullPath(FunctionCode.ArtifactDirectory(packaging, architecture), projectDirectory);
        var publish = Path.Combine(artifacts, PublishFolder);
        var keyFile = Path.Combine(artifacts, CacheKeyFile);
        var arguments = PublishArguments(packaging, target);
        var key = PublishCacheKey.Compute(projectDirectory, await SdkVersionAsync(cancellationToken), arguments);

        var reused = File.Exists(keyFile) && await File.ReadAllTextAsync(keyFile, cancellationToken) == key
            && File.Exists(Path.Combine(publish, MainFile(packaging)));
        if (reused)
        {
            await logWriter.WriteLineAsync($"rtc-stack: functions unchanged since the last publish (cache key {key[..12]}), reusing {publish}");
        }
        else
        {
            if (packaging == FunctionPackaging.Aot)
            {
                toolchain.EnsureCanBuild(target);
            }

            // From nothing, building in a folder of its own: no file of an earlier publish (a removed dependency) ships,
            // nothing compiled earlier with other settings (a PDB path) leaks in, and the project's build output stays
            // the developer's.
            if (Directory.Exists(artifacts))
            {
                Directory.Delete(artifacts, recursive: true);
            }

            await logWriter.WriteLineAsync($"rtc-stack: publishing {FunctionCode.FunctionsProject} ({FunctionCode.ConfigValue(packaging)}, {architecture}) into {publish}");
            var build = Path.Combine(artifacts, BuildFolder);
            await RunDotnetAsync(
                [.. arguments, "-o", publish, $"-p:OutputPath={build}/bin/", $"-p:IntermediateOutputPath={build}/obj/"],
                output: null, cancellationToken);
            // Written last: an interrupted publish leaves no key, so the next compile publishes again.
            await File.WriteAllTextAsync(keyFile, key, cancellationToken);
        }

        var zip = Path.GetFullPath(FunctionCode.For(packaging, architecture).ZipPath, projectDirectory);
        DeterministicZip.Write(zip, Entries(packaging, publish));
        await logWriter.WriteLineAsync($"rtc-stack: wrote {zip}");
        return new FunctionPackage(zip, key, reused);
    }

    private IReadOnlyList<string> PublishArguments(FunctionPackaging packaging, LambdaArchitecture target)
    {
        List<string> arguments =
        [
            "publish", FunctionCode.FunctionsProject, "-c", "Release", "-r", target.RuntimeIdentifier,
            // The same sources compile to the same bytes in any checkout folder: source paths mapped to a fixed
            // root, and no symbols (nothing ships them, and the assembly would name its PDB's full path).
            "-p:ContinuousIntegrationBuild=true", "-p:DebugType=none", "-p:DebugSymbols=false", "-nologo", "-v", "q",
        ];
        if (packaging == FunctionPackaging.Aot)
        {
            arguments.Add("-p:PublishAot=true");
            arguments.AddRange(toolchain.PublishProperties(target));
        }
        else
        {
            arguments.AddRange(["--self-contained", "false", "-p:PublishReadyToRun=true"]);
        }

        return arguments;
    }

    private static string MainFile(FunctionPackaging packaging) =>
        packaging == FunctionPackaging.Aot ? FunctionCode.AssemblyName : FunctionCode.AssemblyName + ".dll";

    private static IEnumerable<(string Name, string Source, int Mode)> Entries(FunctionPackaging packaging, string publish) =>
        packaging == FunctionPackaging.Aot
            // The executable alone, as provided.al2023 expects it.
            ? [(FunctionCode.Bootstrap, Path.Combine(publish, FunctionCode.AssemblyName), DeterministicZip.ExecutableMode)]
            : Directory.EnumerateFiles(publish, "*", SearchOption.AllDirectories)
                .Select(path => (Path.GetRelativePath(publish, path).Replace('\\', '/'), path, DeterministicZip.ReadableMode));

    private async Task<string> SdkVersionAsync(CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        await RunDotnetAsync(["--version"], output, cancellationToken);
        return output.ToString().Trim();
    }

    /// <summary>Runs <c>dotnet</c> in the project directory; stdout goes to <paramref name="output"/> or the log, stderr to the log.</summary>
    private async Task RunDotnetAsync(IReadOnlyList<string> arguments, StringBuilder? output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = projectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = output is null ? CopyAsync(process.StandardOutput, cancellationToken) : ReadIntoAsync(process.StandardOutput, output, cancellationToken);
        var stderr = CopyAsync(process.StandardError, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await Task.WhenAll(stdout, stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments.Take(2))} failed with exit code {process.ExitCode}.");
        }
    }

    private static async Task ReadIntoAsync(StreamReader reader, StringBuilder output, CancellationToken cancellationToken) =>
        output.Append(await reader.ReadToEndAsync(cancellationToken));

    private async Task CopyAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            await logWriter.WriteLineAsync(line);
        }
    }
}
