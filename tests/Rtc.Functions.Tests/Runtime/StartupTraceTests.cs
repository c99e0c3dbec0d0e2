using System.Globalization;
using Rtc.Testing.Runtime;

namespace Rtc.Functions.Tests.Runtime;

/// <summary>
/// The start-up trace as an operator sees it: the built function as its own process (the switch is read once, when
/// the process starts), the authorizer with a shared secret (it needs no AWS service), three <c>$connect</c>s
/// without a token (each refused, posted as a response), then SIGTERM, so the output is read to its end.
/// </summary>
public sealed class StartupTraceTests
{
    private const int Invocations = 3;

    [Fact]
    public async Task WithoutTheSwitchNothingIsWritten()
    {
        var run = await RunAsync(new Dictionary<string, string>());

        Assert.Equal(0, run.ExitCode);
        // The output was read to its end (the three refusals are logged), and it holds no trace line.
        Assert.Equal(Invocations, run.Output.Split('\n').Count(line => line.Contains("\"missing_token\"", StringComparison.Ordinal)));
        Assert.DoesNotContain(StartupTrace.LinePrefix.Trim(), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheSwitchThePhasesOfTheFirstTwoInvocationsAreWrittenOnceInOrderAfterTheSecondAnswer()
    {
        var (output, startedAt, answers, exitCode) = await RunAsync(new Dictionary<string, string>
        {
            [EnvironmentVariables.StartupTrace] = "1",
        });

        Assert.Equal(0, exitCode);
        var marks = Marks(output);
        string[] once = [StartupTrace.NextRequested, StartupTrace.EventReceived, StartupTrace.Handled, StartupTrace.Posted];
        Assert.Equal([StartupTrace.Main, StartupTrace.HandlerBuilt, .. once, .. once], marks.Select(mark => mark.Phase));
        // The timestamps are this process's clock too (CLOCK_MONOTONIC): they follow each other and what the
        // Runtime API saw, and the trace ends after the second answer and before the third event was handed out.
        Assert.All(marks.Zip(marks.Skip(1)), pair => Assert.True(pair.First.Timestamp <= pair.Second.Timestamp, $"{pair.First} then {pair.Second}"));
        Assert.True(startedAt <= marks[0].Timestamp);
        Assert.True(answers[0].EventHandedOutAt <= marks[3].Timestamp);
        Assert.True(answers[0].ReceivedAt <= marks[5].Timestamp);
        Assert.True(answers[1].EventHandedOutAt <= marks[7].Timestamp);
        Assert.True(answers[1].ReceivedAt <= marks[9].Timestamp);
        Assert.True(marks[9].Timestamp <= answers[2].EventHandedOutAt);
        // The process's CPU time in microseconds: it only grows, and starting a .NET process costs some.
        Assert.All(marks.Zip(marks.Skip(1)), pair => Assert.True(pair.First.CpuMicroseconds <= pair.Second.CpuMicroseconds, $"{pair.First} then {pair.Second}"));
        Assert.True(marks[0].CpuMicroseconds > 0);
    }

    /// <summary>Runs the authorizer process through <see cref="Invocations"/> refusals and a SIGTERM.</summary>
    private static async Task<Run> RunAsync(Dictionary<string, string> trace)
    {
        await using var runtimeApi = await FakeRuntimeApi.StartAsync();
        using var function = FunctionProcess.Start(new Dictionary<string, string>(trace)
        {
            [EnvironmentVariables.RuntimeApi] = runtimeApi.HostAndPort,
            [EnvironmentVariables.Handler] = HandlerNames.Authorizer,
            [EnvironmentVariables.AuthIssuer] = "https://issuer.example.test/",
            [EnvironmentVariables.AuthAudience] = "rtc",
            [EnvironmentVariables.AuthHs256Secret] = "startup-trace-test-secret-0123456789",
        });
        var answers = new List<RuntimePost>();
        for (var invocation = 1; invocation <= Invocations; invocation++)
        {
            runtimeApi.Enqueue($"req-{invocation}", AuthorizerEvents.Connect());
            var answer = await runtimeApi.NextPostAsync();
            Assert.True(answer.IsResponse, $"{answer.Path}: {answer.Body}\n{function.Output}");
            answers.Add(answer);
        }

        var exitCode = await function.TerminateAsync();
        return new Run(function.Output, function.StartedAt, answers, exitCode);
    }

    private static List<Mark> Marks(string output) =>
    [
        .. output.Split('\n')
            .Where(line => line.StartsWith(StartupTrace.LinePrefix, StringComparison.Ordinal))
            .Select(line => line[StartupTrace.LinePrefix.Length..].Split(' ') is [var phase, var timestamp, var cpu]
                ? new Mark(phase, long.Parse(timestamp, CultureInfo.InvariantCulture), long.Parse(cpu, CultureInfo.InvariantCulture))
                : throw new FormatException($"Not a start-up trace line: '{line}'")),
    ];

    private sealed record Run(string Output, long StartedAt, List<RuntimePost> Answers, int ExitCode);

    private sealed record Mark(string Phase, long Timestamp, long CpuMicroseconds);
}
