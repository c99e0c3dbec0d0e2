using System.Diagnostics;
using System.Globalization;
using Rtc.Functions.Runtime;

namespace Rtc.Benchmarks.ColdStart;

/// <summary>
/// Where one process's cold start went: the moments its <see cref="StartupTrace"/> marked up to its first answer,
/// and the Runtime API's own two (first <c>next</c> arrived, answer arrived), each as time since the process was
/// started; and its first invocation's time in the handler against its second's, which is what only the first pays.
/// </summary>
/// <param name="Timeline">Each moment, in order: time since the process was started, and the process's CPU time by
/// then when the process itself marked it.</param>
/// <param name="FirstInHandler">The first invocation, event received to handler returned (wall, CPU); null without a trace.</param>
/// <param name="SecondInHandler">The same for the second invocation.</param>
internal sealed record StartupPhases(
    IReadOnlyList<(string Phase, TimeSpan At, TimeSpan? Cpu)> Timeline, (TimeSpan Wall, TimeSpan Cpu)? FirstInHandler, (TimeSpan Wall, TimeSpan Cpu)? SecondInHandler)
{
    /// <summary>The Runtime API's moment the "ready for the first <c>next</c>" target is about.</summary>
    public const string FirstNextArrived = "first `next` arrived at the Runtime API";

    private const string AnswerArrived = "first answer arrived at the Runtime API (cold start)";

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [StartupTrace.Main] = "Main entered (runtime start-up before it)",
        [StartupTrace.HandlerBuilt] = "handler built",
        [StartupTrace.NextRequested] = "asks for its first event",
        [StartupTrace.EventReceived] = "first event received",
        [StartupTrace.Handled] = "first $connect handled (DynamoDB answered, logged)",
        [StartupTrace.Posted] = "first answer posted",
    };

    /// <summary>
    /// Reads the <see cref="StartupTrace"/> lines in <paramref name="output"/> (timestamps from the same monotonic
    /// clock as <paramref name="startedAt"/>) and adds the Runtime API's moments.
    /// </summary>
    public static StartupPhases Parse(string output, long startedAt, TimeSpan firstNextArrived, TimeSpan coldStart)
    {
        var marks = output.Split('\n')
            .Where(line => line.StartsWith(StartupTrace.LinePrefix, StringComparison.Ordinal))
            .Select(line => line[StartupTrace.LinePrefix.Length..].Split(' '))
            .Select(parts => (
                Phase: parts[0],
                At: Stopwatch.GetElapsedTime(startedAt, long.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture)),
                Cpu: TimeSpan.FromMicroseconds(long.Parse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture))))
            .ToList();
        var firstPosted = marks.FindIndex(mark => mark.Phase == StartupTrace.Posted);
        var timeline = marks.Take(firstPosted + 1)
            .Select(mark => (Phase: Labels.GetValueOrDefault(mark.Phase, mark.Phase), mark.At, Cpu: (TimeSpan?)mark.Cpu))
            .Append((Phase: FirstNextArrived, At: firstNextArrived, Cpu: null))
            .Append((Phase: AnswerArrived, At: coldStart, Cpu: null))
            .OrderBy(mark => mark.At)
            .ToList();
        return new StartupPhases(timeline, InHandler(marks, 0), InHandler(marks, 1));
    }

    private static (TimeSpan Wall, TimeSpan Cpu)? InHandler(List<(string Phase, TimeSpan At, TimeSpan Cpu)> marks, int invocation)
    {
        var events = marks.Where(mark => mark.Phase == StartupTrace.EventReceived).ToList();
        var handled = marks.Where(mark => mark.Phase == StartupTrace.Handled).ToList();
        return invocation < events.Count && invocation < handled.Count
            ? (handled[invocation].At - events[invocation].At, handled[invocation].Cpu - events[invocation].Cpu)
            : null;
    }
}
