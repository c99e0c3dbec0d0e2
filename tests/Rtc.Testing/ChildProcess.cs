using System.Diagnostics;

namespace Rtc.Testing;

/// <summary>
/// The one way tests start another program (the gateway's executable, the functions, the Pulumi compiler command,
/// the AWS CLI and boto3, DynamoDB Local and npm): arguments as a list, never through a shell; standard output and
/// error redirected; this process's environment with <c>environment</c> applied on top, where a null value removes
/// a variable. <see cref="RunAsync"/> runs one to its end within a deadline and kills it, children included, when
/// the deadline passes.
/// </summary>
public static class ChildProcess
{
    /// <summary>How long <see cref="RunAsync"/> waits unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>What a program printed and how it exited.</summary>
    /// <param name="ExitCode">The exit code.</param>
    /// <param name="Output">Everything written to standard output.</param>
    /// <param name="Error">Everything written to standard error.</param>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Starts <paramref name="fileName"/>; the caller reads its output (or lets it go) and ends it.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, each passed as it is.</param>
    /// <param name="environment">Variables to set (a null value removes the variable).</param>
    /// <param name="workingDirectory">Where it runs; this process's current directory when null.</param>
    /// <param name="redirectInput">Whether the caller writes its standard input.</param>
    /// <param name="inheritEnvironment">
    /// False starts from an empty environment, so that only <paramref name="environment"/> reaches the program (as on
    /// Lambda, where a function sees only what the runtime sets).
    /// </param>
    public static Process Start(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        bool redirectInput = false,
        bool inheritEnvironment = true)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        if (!inheritEnvironment)
        {
            start.Environment.Clear();
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> to its end, writing <paramref name="standardInput"/> (then closing it) when
    /// given, and returns what it printed. Throws <see cref="TimeoutException"/>, after killing it, when it has not
    /// ended within <paramref name="timeout"/> (<see cref="DefaultTimeout"/> when null).
    /// </summary>
    public static async Task<Result> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        string? standardInput = null,
        TimeSpan? timeout = null)
    {
        using var process = Start(fileName, arguments, environment, workingDirectory, redirectInput: standardInput is not null);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }

        var limit = timeout ?? DefaultTimeout;
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {limit}.");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
