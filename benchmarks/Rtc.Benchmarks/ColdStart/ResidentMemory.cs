using System.Globalization;

namespace Rtc.Benchmarks.ColdStart;

/// <summary>A process's memory as Linux reports it in <c>/proc/{pid}/status</c>, in KiB.</summary>
/// <param name="ResidentKiB"><c>VmRSS</c>: resident now.</param>
/// <param name="PeakResidentKiB"><c>VmHWM</c>: the most it has been resident.</param>
internal sealed record ResidentMemory(long ResidentKiB, long PeakResidentKiB)
{
    /// <summary>Reads the memory of the running process <paramref name="processId"/>.</summary>
    public static ResidentMemory Of(int processId)
    {
        var fields = File.ReadLines($"/proc/{processId}/status")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim(), StringComparer.Ordinal);
        return new ResidentMemory(KiB(fields, "VmRSS"), KiB(fields, "VmHWM"));
    }

    // "19456 kB": the kernel's "kB" is KiB.
    private static long KiB(Dictionary<string, string> fields, string name) =>
        long.Parse(fields[name].Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture);
}
