using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Testing.Runtime;

namespace Rtc.Benchmarks.ColdStart;

/// <summary>
/// One fresh function process, measured: started with a <c>$connect</c> already waiting (as Lambda starts a function
/// for the request that needs it), then <c>$disconnect</c> and <c>$connect</c> alternately in the now-warm process,
/// then its memory. Every answer must be a 200, or the run fails with the process's output.
/// </summary>
internal static class FunctionRun
{
    /// <summary>Starts <paramref name="package"/> once and measures it.</summary>
    /// <param name="package">What to start.</param>
    /// <param name="environment">The function's environment (the Runtime API address and the start-up trace switch are
    /// added here); nothing else is inherited.</param>
    /// <param name="connectionPrefix">What this process's connection ids start with (ids must differ between processes).</param>
    /// <param name="userId">The user every connection belongs to.</param>
    /// <param name="warmInvocations">How many invocations follow the cold one.</param>
    /// <returns>The measurement, and the connection the last <c>$connect</c> left open.</returns>
    /// <exception cref="InvalidOperationException">An invocation was not answered with 200 in time.</exception>
    public static async Task<ProcessMeasurement> MeasureAsync(ExtractedPackage package, IReadOnlyDictionary<string, string> environment,
        string connectionPrefix, string userId, int warmInvocations)
    {
        await using var runtimeApi = await FakeRuntimeApi.StartAsync();
        var functionEnvironment = new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            [EnvironmentVariables.RuntimeApi] = runtimeApi.HostAndPort,
            // Costs a static field read per phase; the lines are written once the second invocation is answered.
            [EnvironmentVariables.StartupTrace] = "1",
        };

        var connected = 0;
        var openConnection = ConnectionId(connectionPrefix, connected);
        runtimeApi.Enqueue("cold", ConnectionEvents.Connect(openConnection, userId));
        var (fileName, arguments) = package.Command;
        // Lambda's environment, not this shell's: no DOTNET_* or AWS_* setting of the machine changes what is measured.
        using var process = FunctionProcess.StartExecutable(fileName, arguments, functionEnvironment, inheritEnvironment: false);
        var cold = await AnswerAsync(runtimeApi, process);
        var coldStart = Stopwatch.GetElapsedTime(process.StartedAt, cold.ReceivedAt);
        // Read at once: the process is now waiting for its next event and spends next to nothing more.
        var coldScheduling = SchedulerTimes.Of(process.Id);
        var firstNext = Stopwatch.GetElapsedTime(process.StartedAt, runtimeApi.FirstNextRequestedAt!.Value);
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
            var answer = await AnswerAsync(runtimeApi, process);
            warm.Add(Stopwatch.GetElapsedTime(answer.EventHandedOutAt!.Value, answer.ReceivedAt));
        }

        var memory = ResidentMemory.Of(process.Id);
        // The trace is written before the second answer, but read in the background: once the process has exited,
        // its output is all there.
        await process.TerminateAsync();
        var phases = StartupPhases.Parse(process.Output, process.StartedAt, firstNext, coldStart);
        return new ProcessMeasurement(coldStart, coldScheduling, phases, warm, memory, warmInvocations % 2 == 1 ? null : openConnection);
    }

    /// <summary>The function's next answer, which must be a response with status 200.</summary>
    private static async Task<RuntimePost> AnswerAsync(FakeRuntimeApi runtimeApi, FunctionProcess process)
    {
        var answer = runtimeApi.NextPostAsync();
        var exit = process.WaitForExitAsync();
        await Task.WhenAny(answer, exit);
        if (!answer.IsCompletedSuccessfully)
        {
            var why = exit.IsCompletedSuccessfully ? $"exited with code {exit.Result}" : "did not answer in time";
            throw new InvalidOperationException($"The function {why}. Its output:\n{process.Output}");
        }

        var result = answer.Result;
        if (!result.IsResponse || StatusCode(result.Body) != 200)
        {
            throw new InvalidOperationException($"The function posted {result.Path}: {result.Body}\nIts output:\n{process.Output}");
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
}

/// <summary>What one function process measured.</summary>
/// <param name="ColdStart">From starting the process to its first <c>$connect</c> answered.</param>
/// <param name="ColdScheduling">Its threads' time on and waiting for a core by then.</param>
/// <param name="Phases">Where its start went, from its own <see cref="StartupTrace"/> and the Runtime API's clock.</param>
/// <param name="Warm">Each further invocation, from the event handed out to its answer received.</param>
/// <param name="Memory">Its memory after the warm invocations.</param>
/// <param name="OpenConnection">The connection its last invocation left stored, if that was a <c>$connect</c>.</param>
internal sealed record ProcessMeasurement(
    TimeSpan ColdStart, SchedulerTimes ColdScheduling, StartupPhases Phases, IReadOnlyList<TimeSpan> Warm, ResidentMemory Memory, string? OpenConnection);
