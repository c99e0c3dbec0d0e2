using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Functions.History;

namespace Rtc.Functions.Tests.History;

public sealed class HistoryOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void WithoutATableHistoryIsOff(string? table)
    {
        Assert.Null(HistoryOptions.FromEnvironment(Environment(table, "3600")));
    }

    [Fact]
    public void RetentionDefaultsTo24Hours()
    {
        var options = HistoryOptions.FromEnvironment(Environment("history", null));

        Assert.Equal(new HistoryOptions("history", TimeSpan.FromHours(24)), options);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("31536000", 31_536_000)]
    public void RetentionFollowsTheSettingAtItsBounds(string seconds, int expected)
    {
        Assert.Equal(TimeSpan.FromSeconds(expected), HistoryOptions.FromEnvironment(Environment("history", seconds))!.Retention);
    }

    [Theory]
    [InlineData("history", "0")]
    [InlineData("history", "31536001")]
    [InlineData("history", "-5")]
    [InlineData("history", "1.5")]
    [InlineData("history", "a day")]
    [InlineData(null, "0")]
    public void AnInvalidRetentionIsAnErrorNamingTheVariableAndRangeEvenWithHistoryOff(string? table, string seconds)
    {
        var error = Assert.Throws<InvalidOperationException>(() => HistoryOptions.FromEnvironment(Environment(table, seconds)));

        Assert.Contains($"RTC_HISTORY_SECONDS is '{seconds}'", error.Message);
        Assert.Contains("from 1 to 31536000", error.Message);
    }

    private static DictionaryEnvironment Environment(string? table, string? seconds) => new(new Dictionary<string, string?>
    {
        [EnvironmentVariables.HistoryTable] = table,
        [EnvironmentVariables.HistorySeconds] = seconds,
    });
}
