using System.Diagnostics;
using System.Globalization;
using System.Text;
using Rtc.Contracts;

namespace Rtc.Functions.Runtime;

/// <summary>
/// When <c>RTC_STARTUP_TRACE=1</c>, records the moments a process reaches on its way to its first answers (Main
/// entered, handler built, each of the first invocations received, handled and posted) and writes them to standard
/// error in one go once the second invocation is posted: one <c>rtc-startup {phase} {timestamp} {cpu}</c> line each.
/// The timestamp is <see cref="Stopwatch.GetTimestamp"/>, which on Linux is <c>CLOCK_MONOTONIC</c> in nanoseconds
/// and so comparable with the timestamps of the process that started this one (the cold-start benchmark); the CPU
/// time is the whole process's so far, in microseconds, which on a busy machine says what a phase cost where the
/// wall clock also counts waiting for a core. Off, a mark is one read of a static field and nothing is ever
/// written, so the logs carry no start-up noise.
/// </summary>
public static class StartupTrace
{
    /// <summary>The invocations traced; the second one shows what only the first paid.</summary>
    public const int TracedInvocations = 2;

    public const string LinePrefix = "rtc-startup ";

    /// <summary>Main was entered: the runtime has started.</summary>
    public const string Main = "main";

    /// <summary>The handler <c>RTC_HANDLER</c> names was built.</summary>
    public const string HandlerBuilt = "handler";

    /// <summary>About to ask the Runtime API for the next event.</summary>
    public const string NextRequested = "next";

    public const string EventReceived = "event";

    /// <summary>The handler returned its response.</summary>
    public const string Handled = "handled";

    /// <summary>The response was posted; the trace ends at the second.</summary>
    public const string Posted = "posted";

    private static readonly List<(string Phase, long Timestamp, TimeSpan Cpu)>? Marks =
        Environment.GetEnvironmentVariable(EnvironmentVariables.StartupTrace) == "1" ? new(16) : null;

    private static int postedCount;

    /// <summary>
    /// Records that the process reached <paramref name="phase"/> now (nothing when tracing is off or over). Called
    /// by Main and the runtime loop only, one invocation at a time, so the marks need no lock.
    /// </summary>
    public static void Mark(string phase)
    {
        var timestamp = Stopwatch.GetTimestamp();
        if (Marks is null || postedCount >= TracedInvocations)
        {
            return;
        }

        Marks.Add((phase, timestamp, Environment.CpuUsage.TotalTime));
        if (phase == Posted && ++postedCount == TracedInvocations)
        {
            var lines = new StringBuilder();
            foreach (var (name, at, cpu) in Marks)
            {
                lines.Append(CultureInfo.InvariantCulture, $"{LinePrefix}{name} {at} {cpu.Ticks / TimeSpan.TicksPerMicrosecond}\n");
            }

            Console.Error.Write(lines.ToString());
            Console.Error.Flush();
        }
    }
}
