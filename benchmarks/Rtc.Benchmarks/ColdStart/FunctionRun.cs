using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Rtc.Contracts;

namespace Rtc.Benchmarks.ColdStart;

/// <summary>
/// One fresh function process, measured: started with a <c>$connect</c> already waiting (as Lambda starts a function
/// for the request that needs it), then <c>$disconnect</c> and <c>$connect</c> alternately in the now-warm process,
/// then its memory. Every answer must be a 200, or the run fails with the process's output.
/// </summary>
internal static class FunctionRun
{
    private static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(60);

    /// <summary>Starts <paramref name="package"/> once and measures it.</summary>
    /// <param name="package">What to start.</param>
    /// <param name="environment">The function's environment (the Runtime API address is added here); nothing else is inherited.</param>
    /// <param name="connectionPrefix">What this process's connection ids start with (ids must differ between processes).</param>
    /// <param name="userId">The user every connection belongs to.</param>
    /// <param name="warmInvocations">How many invocations follow the cold one.</param>
    /// <returns>The measurement, and the connection the last <c>$connect</c> left open.</returns>
    /// <exception cref="InvalidOperationException">An invocation was not answered with 200 in time.</exception>
    public static async Task<ProcessMeasurement> MeasureAsync(ExtractedPackage package, IReadOnlyDictionary<string, string> environment,
        string connectionPrefix, string userId, int warmInvocations)
    {
        await using var runtimeApi = await RuntimeApiStub.StartAsync();
        var start = package.StartInfo();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        // Lambda's environment, not this shell's: no DOTNET_* or AWS_* setting of the machine changes what is measured.
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment[EnvironmentVariables.RuntimeApi] = runtimeApi.HostAndPort;

        var connected = 0;
        var openConnection = ConnectionId(connectionPrefix, connected);
        runtimeApi.Enqueue("cold", ConnectionEvents.Connect(openConnection, userId));
        var startedAt = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) => Record(output, line.Data);
        process.ErrorDataReceived += (_, line) => Record(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var cold = await AnswerAsync(runtimeApi, process, output);
            var coldStart = Stopwatch.GetElapsedTime(startedAt, cold.ReceivedAt);
            // Read at once: the process is now waiting for its next event and spends next to nothing more.
            var coldScheduling = SchedulerTimes.Of(process.Id);
            var warm = new List<TimeSpan>(warmInvocations);
            for (var invocation = 1; invocation <= warmInvocations; invocation++)
            {
                var closing = invocation % 2 == 1;
                if (!closing)
                {
                    openConnection = ConnectionId(connectionPrefix, ++connected);
                }

                runtimeApi.Enqueue(invocation.ToString(CultureInfo.InvariantCulture),
                    closing ? ConnectionEvents.Disconnect(openConnection) : ConnectionEvents.Connect(openConnection, userId));
                warm.Add((await AnswerAsync(runtimeApi, process, output)).Invocation!.Value);
            }

            var memory = ResidentMemory.Of(process.Id);
            return new ProcessMeasurement(coldStart, coldScheduling, warm, memory, warmInvocations % 2 == 1 ? null : openConnection);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>The function's next answer, which must be a response with status 200.</summary>
    private static async Task<RuntimeAnswer> AnswerAsync(RuntimeApiStub runtimeApi, Process process, ConcurrentQueue<string> output)
    {
        using var limit = new CancellationTokenSource(AnswerLimit);
        var answer = runtimeApi.NextAnswerAsync(limit.Token).AsTask();
        var exit = process.WaitForExitAsync(limit.Token);
        await Task.WhenAny(answer, exit);
        if (!answer.IsCompletedSuccessfully)
        {
            var why = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not answer within {AnswerLimit.TotalSeconds} s";
            throw new InvalidOperationException($"The function {why}. Its output:\n{string.Join('\n', output)}");
        }

        var result = answer.Result;
        if (!result.IsResponse || StatusCode(result.Body) != 200)
        {
            throw new InvalidOperationException($"The function posted {result.Path}: {result.Body}\nIts output:\n{string.Join('\n', output)}");
        }

        return result;
    }

    // API Gateway's ids are 16 characters ending in '='.
    private static string ConnectionId(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{index:D5}Q=");

    private static int? StatusCode(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("statusCode", out var status) && status.TryGetInt32(out var code) ? code : null;
    }

    // Keeps the last lines only: the function logs one line per invocation, and only a failure's context is wanted.
    private static void Record(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 50 && output.TryDequeue(out _))
        {
        }
    }
}

/// <summary>What one function process measured.</summary>
/// <param name="ColdStart">From starting the process to its first <c>$connect</c> answered.</param>
/// <param name="ColdScheduling">Its threads' time on and waiting for a core by then.</param>
/// <param name="Warm">Each further invocation, from the event handed out to its answer received.</param>
/// <param name="Memory">Its memory after the warm invocations.</param>
/// <param name="OpenConnection">The connection its last invocation left stored, if that was a <c>$connect</c>.</param>
internal sealed record ProcessMeasurement(TimeSpan ColdStart, SchedulerTimes ColdScheduling, IReadOnlyList<TimeSpan> Warm, ResidentMemory Memory, string? OpenConnection);
