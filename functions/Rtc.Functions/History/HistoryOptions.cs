using System.Globalization;
using Rtc.Contracts;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.History;

/// <summary>
/// Whether the functions keep history and for how long: <c>RTC_HISTORY_TABLE</c> (unset or empty: off) and
/// <c>RTC_HISTORY_SECONDS</c>. The stack's <c>historyHours</c> and the local gateway's <c>--history-seconds</c> take
/// their range from <see cref="FunctionSettings"/>, so whatever they configure, the functions start with.
/// </summary>
/// <param name="TableName">The history table.</param>
/// <param name="Retention">How long a message is kept after it was published (its TTL).</param>
public sealed record HistoryOptions(string TableName, TimeSpan Retention)
{
    /// <summary>
    /// The settings from <paramref name="environment"/>, or null when <c>RTC_HISTORY_TABLE</c> is unset or empty
    /// (history off). An invalid <c>RTC_HISTORY_SECONDS</c> throws naming the variable and its range, whether or
    /// not the table is set, so a mistake shows before history is turned on.
    /// </summary>
    public static HistoryOptions? FromEnvironment(IFunctionEnvironment environment)
    {
        var retention = TimeSpan.FromSeconds(ReadSeconds(environment.Get(EnvironmentVariables.HistorySeconds)));
        return environment.Get(EnvironmentVariables.HistoryTable) is { } tableName ? new HistoryOptions(tableName, retention) : null;
    }

    private static int ReadSeconds(string? text)
    {
        if (text is null)
        {
            return FunctionSettings.DefaultHistorySeconds;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= FunctionSettings.MinHistorySeconds and <= FunctionSettings.MaxHistorySeconds
            ? seconds
            : throw new InvalidOperationException(
                $"{EnvironmentVariables.HistorySeconds} is '{text}'; it must be a whole number of seconds from {FunctionSettings.MinHistorySeconds} to {FunctionSettings.MaxHistorySeconds} (default {FunctionSettings.DefaultHistorySeconds}).");
    }
}
