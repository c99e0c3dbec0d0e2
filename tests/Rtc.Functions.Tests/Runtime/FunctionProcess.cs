using System.Collections.Concurrent;
using System.Diagnostics;

namespace Rtc.Functions.Tests.Runtime;

/// <summary>
/// <c>Rtc.Functions.dll</c> (the build copied next to the tests, with its own deps.json and runtimeconfig.json)
/// started as Lambda starts it, <c>dotnet exec Rtc.Functions.dll</c>, with the given environment. Killed on dispose.
/// </summary>
public sealed class FunctionProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private FunctionProcess(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { "exec", Path.Combine(AppContext.BaseDirectory, "Rtc.Functions.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the process wrote so far, one entry per line (standard output and error).</summary>
    public string Output => string.Join('\n', output);

    /// <summary>Starts the function with <paramref name="environment"/> added to this process's environment.</summary>
    public static FunctionProcess Start(IReadOnlyDictionary<string, string> environment) => new(environment);

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return process.ExitCode;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
