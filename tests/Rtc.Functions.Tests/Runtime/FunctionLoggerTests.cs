using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Tests.Runtime;

public sealed class FunctionLoggerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ALineShowsTheTimestampOffsetAndQuotesAsTheyAreAndStaysValidJson()
    {
        var output = new StringWriter();
        var logger = new FunctionLogger(output, new FakeTimeProvider(Now));

        logger.Write(LogSeverity.Warn, "reply failed", ("errorMessage", "it's \"gone\" <now> & 1+1"), ("count", 2));

        // CloudWatch Logs Insights users read the raw line: +00:00 and ' stay themselves; " is escaped as JSON requires.
        var line = output.ToString().TrimEnd('\n');
        Assert.Equal(
            """{"timestamp":"2026-11-28T12:00:00.0000000+00:00","level":"WARN","message":"reply failed","errorMessage":"it's \"gone\" <now> & 1+1","count":2}""",
            line);
        using var parsed = JsonDocument.Parse(line);
        Assert.Equal("it's \"gone\" <now> & 1+1", parsed.RootElement.GetProperty("errorMessage").GetString());
    }

    [Theory]
    [InlineData(LogSeverity.Info, "INFO")]
    [InlineData(LogSeverity.Warn, "WARN")]
    [InlineData(LogSeverity.Error, "ERROR")]
    public void EachSeverityIsWrittenAsItsLevel(LogSeverity severity, string level)
    {
        var output = new StringWriter();

        new FunctionLogger(output, new FakeTimeProvider(Now)).Write(severity, "test");

        Assert.Equal(level, JsonDocument.Parse(output.ToString()).RootElement.GetProperty("level").GetString());
    }
}
