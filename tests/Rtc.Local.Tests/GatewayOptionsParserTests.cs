using Rtc.Contracts;
using Rtc.Local.Configuration;

namespace Rtc.Local.Tests;

public sealed class GatewayOptionsParserTests
{
    [Fact]
    public void NoFlagsGiveApiGatewaysQuotasOnPort3001()
    {
        var options = GatewayOptionsParser.Parse([]);

        Assert.Equal(3001, options.Port);
        Assert.Equal("local", options.Stage);
        Assert.Equal(32 * 1024, options.MaxFrameBytes);
        Assert.Equal(128 * 1024, options.MaxMessageBytes);
        Assert.Equal(TimeSpan.FromMinutes(10), options.IdleTimeout);
        Assert.Equal(TimeSpan.FromHours(2), options.MaxDuration);
        Assert.Equal(500, options.ConnectRatePerSecond);
        Assert.True(options.RequireSignature);
        Assert.Null(options.DynamoDbEndpoint);
        Assert.Equal(86_400, options.HistorySeconds);
        Assert.True(options.HistoryEnabled);
        Assert.Equal("rtc-local-history", options.HistoryTableName);
    }

    [Fact]
    public void HistorySecondsZeroTurnsHistoryOff()
    {
        var options = GatewayOptionsParser.Parse(["--history-seconds", "0"]);

        Assert.False(options.HistoryEnabled);
    }

    [Fact]
    public void EveryFlagIsRead()
    {
        var options = GatewayOptionsParser.Parse([
            "--port", "4000", "--stage", "dev", "--region", "eu-west-1", "--dynamodb-endpoint", "http://127.0.0.1:8000",
            "--table", "my-table", "--no-signature-check", "--idle-timeout", "500ms", "--max-duration", "2m",
            "--connect-rate", "10", "--management-latency", "20ms", "--management-throttle-rate", "0.05",
            "--management-error-rate", "0.01", "--abrupt-drop", "--auth", "jwt", "--invoke-timeout", "5s",
            "--history-seconds", "3600", "--history-table", "my-history",
        ]);

        Assert.Equal(4000, options.Port);
        Assert.Equal("dev", options.Stage);
        Assert.Equal("eu-west-1", options.Region);
        Assert.Equal(new Uri("http://127.0.0.1:8000"), options.DynamoDbEndpoint);
        Assert.Equal("my-table", options.TableName);
        Assert.False(options.RequireSignature);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.IdleTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.MaxDuration);
        Assert.Equal(10, options.ConnectRatePerSecond);
        Assert.Equal(new FaultOptions { ManagementLatency = TimeSpan.FromMilliseconds(20), ThrottleRate = 0.05, ErrorRate = 0.01 }, options.Faults);
        Assert.True(options.AbruptDrop);
        Assert.Equal(AuthMode.Jwt, options.Auth);
        Assert.Equal(TimeSpan.FromSeconds(5), options.InvokeTimeout);
        Assert.Equal(3600, options.HistorySeconds);
        Assert.Equal("my-history", options.HistoryTableName);
    }

    [Theory]
    [InlineData("--port", "http", "--port must be a whole number from 0 to 65535")]
    [InlineData("--port", "70000", "--port must be a whole number from 0 to 65535")]
    [InlineData("--stage", "my stage", "--stage accepts letters, digits, '-' and '_'")]
    [InlineData("--auth", "basic", "--auth must be one of none, jwt")]
    [InlineData("--idle-timeout", "10", "--idle-timeout must be a positive duration with a unit (ms, s, m or h)")]
    [InlineData("--management-throttle-rate", "5", "--management-throttle-rate must be a probability from 0 to 1")]
    [InlineData("--dynamodb-endpoint", "localhost:8000", "--dynamodb-endpoint must be an http:// or https:// URL")]
    [InlineData("--history-seconds", "-1", "--history-seconds must be a whole number from 0 to 31536000")]
    [InlineData("--history-seconds", "31536001", "--history-seconds must be a whole number from 0 to 31536000")]
    [InlineData("--history-table", "h", "--history-table accepts 3 to 255 of letters, digits")]
    public void BadValuesNameTheFlagAndWhatItAccepts(string flag, string value, string message)
    {
        var error = Assert.Throws<InvalidOptionException>(() => GatewayOptionsParser.Parse([flag, value]));

        Assert.StartsWith(message, error.Message);
        Assert.Contains($"'{value}'", error.Message);
    }

    [Fact]
    public void UnknownFlagIsNamed()
    {
        var error = Assert.Throws<InvalidOptionException>(() => GatewayOptionsParser.Parse(["--prot", "3000"]));

        Assert.Contains("'--prot'", error.Message);
    }

    [Fact]
    public void FlagWithoutValueIsNamed()
    {
        var error = Assert.Throws<InvalidOptionException>(() => GatewayOptionsParser.Parse(["--port", "--stage", "dev"]));

        Assert.Equal("--port needs a value.", error.Message);
    }
}
