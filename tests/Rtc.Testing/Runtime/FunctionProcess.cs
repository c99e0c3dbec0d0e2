using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Rtc.Testing.Runtime;

/// <summary>
/// The function started as Lambda starts it, with the given environment: <c>Rtc.Functions.dll</c> (the build copied
/// next to the tests, with its own deps.json and runtimeconfig.json) as <c>dotnet exec Rtc.Functions.dll</c>, or a
/// native <c>bootstrap</c> as an executable. Killed on dispose.
/// </summary>
public sealed class FunctionProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private FunctionProcess(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, bool inheritEnvironment)
    {
        StartedAt = Stopwatch.GetTimestamp();
        process = ChildProcess.Start(
            fileName,
            arguments,
            environment.ToDictionary(pair => pair.Key, string? (pair) => pair.Value),
            inheritEnvironment: inheritEnvironment);
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Just before the process was started (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long StartedAt { get; }

    /// <summary>The process id, e.g. for reading <c>/proc/{id}</c>.</summary>
    public int Id => process.Id;

    /// <summary>What the process wrote so far, one entry per line (standard output and error).</summary>
    public string Output => string.Join('\n', output);

    /// <summary>Starts the managed function with <paramref name="environment"/> added to this process's environment.</summary>
    public static FunctionProcess Start(IReadOnlyDictionary<string, string> environment) => new(
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
        ["exec", Path.Combine(AppContext.BaseDirectory, "Rtc.Functions.dll")],
        environment,
        inheritEnvironment: true);

    /// <summary>
    /// Starts an executable (a native <c>bootstrap</c>, an emulator running one, or <c>dotnet</c>) with
    /// <paramref name="environment"/> added to this process's environment, or as its whole environment when
    /// <paramref name="inheritEnvironment"/> is false (as Lambda starts a function: no setting of this machine leaks in).
    /// </summary>
    public static FunctionProcess StartExecutable(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, bool inheritEnvironment = true) =>
        new(fileName, arguments, environment, inheritEnvironment);

    public async Task<int> WaitForExitAsync()
    {
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return process.ExitCode;
    }

    /// <summary>
    /// Sends SIGTERM, as Lambda does when it shuts an environment down, and waits for the process to exit; once
    /// this returns, <see cref="Output"/> holds everything the process wrote (both streams were read to their end).
    /// </summary>
    public Task<int> TerminateAsync()
    {
        const int sigterm = 15;
        if (Kill(process.Id, sigterm) != 0)
        {
            throw new InvalidOperationException($"SIGTERM to process {process.Id} failed: errno {Marshal.GetLastPInvokeError()}.");
        }

        return WaitForExitAsync();
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

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);

    private void Record(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
