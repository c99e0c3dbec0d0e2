using System.Globalization;

namespace Rtc.Benchmarks;

/// <summary>The benchmarks' positional arguments: each optional, a positive integer or its default.</summary>
internal static class Arguments
{
    /// <summary>The positive integer at <paramref name="index"/>, or <paramref name="fallback"/> when it is missing or not one.</summary>
    public static int PositiveOrDefault(string[] args, int index, int fallback) =>
        args.Length > index && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
