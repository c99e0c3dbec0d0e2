using System.Globalization;
using Amazon.Runtime;
using Rtc.Functions.Management;

namespace Rtc.Benchmarks;

/// <summary>What the benchmarks share: arguments, the signed management client, counting lost messages, the median and the output.</summary>
internal static class Bench
{
    /// <summary>The positive whole number at <paramref name="index"/> of <paramref name="args"/>, or <paramref name="fallback"/>.</summary>
    public static int Arg(IReadOnlyList<string> args, int index, int fallback) =>
        args.Count > index && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    /// <summary>The real SigV4-signed management client, posting to <paramref name="stub"/>.</summary>
    public static ManagementApiClient Management(HttpClient httpClient, LatencyStub stub) =>
        new(httpClient, stub.StageUri, "us-east-1", new SessionAWSCredentials("ASIABENCH", "bench-secret", "bench-token"));

    /// <summary>Connections that did not receive exactly one message since the stub's last reset: lost (or duplicated).</summary>
    public static int Lost(LatencyStub stub, IEnumerable<string> connectionIds) =>
        connectionIds.Count(connectionId => stub.Received.GetValueOrDefault(connectionId) != 1);

    /// <summary>The median of <paramref name="sorted"/> (ascending): the middle value, or the mean of the two middle values.</summary>
    public static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>Writes a line of the results table, formatted invariantly.</summary>
    public static void Row(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
