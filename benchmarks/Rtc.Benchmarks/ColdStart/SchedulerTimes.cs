using System.Globalization;

namespace Rtc.Benchmarks.ColdStart;

/// <summary>
/// How long a process's threads ran on a core and how long they were ready but waited for one, summed over its
/// live threads (<c>/proc/{pid}/task/*/schedstat</c>, nanoseconds). On a machine shared with other work the wall
/// clock mixes both; the time on a core is what the process itself cost.
/// </summary>
/// <param name="OnCpu">Time its threads ran.</param>
/// <param name="WaitingForCpu">Time its threads were runnable but queued behind other work.</param>
internal sealed record SchedulerTimes(TimeSpan OnCpu, TimeSpan WaitingForCpu)
{
    /// <summary>Reads the times of the running process <paramref name="processId"/> so far.</summary>
    public static SchedulerTimes Of(int processId)
    {
        long onCpu = 0, waiting = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            // "<on cpu ns> <waiting ns> <time slices>"; a thread that ended meanwhile has no file left to read.
            string[] fields;
            try
            {
                fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
            }
            catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
            {
                continue;
            }

            onCpu += long.Parse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture);
            waiting += long.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return new SchedulerTimes(FromNanoseconds(onCpu), FromNanoseconds(waiting));
    }

    private static TimeSpan FromNanoseconds(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / 100);
}
