using System.Diagnostics;
using System.Threading.Channels;

namespace Rtc.Local.Tests;

public sealed class ProgramTests
{
    [Fact]
    public async Task BadFlagExitsNonZeroNamingTheFlag()
    {
        var (exitCode, error) = await RunGatewayAsync("--port", "nope");

        Assert.Equal(2, exitCode);
        Assert.Contains("--port must be a whole number from 0 to 65535, not 'nope'", error);
    }

    [Fact]
    public async Task UnknownOptionPrintsTheHelpHintOnce()
    {
        var (exitCode, error) = await RunGatewayAsync("--bogus");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown option '--bogus'", error);
        Assert.Single(error.Split('\n'), line => line.Contains("Run with --help", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BannerPrintsTheUrlsAndPasteReadyCredentials()
    {
        await using var gateway = await TestGateway.StartAsync(TestGateway.Options, new Dictionary<string, IInvocationHandler>());
        using var output = new StringWriter();

        StartupBanner.Write(output, gateway);

        var lines = output.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.Contains($"export AWS_ACCESS_KEY_ID={LocalCredentials.AccessKeyId}", lines);
        Assert.Contains($"export AWS_SECRET_ACCESS_KEY={LocalCredentials.SecretAccessKey}", lines);
        Assert.Contains(lines, line => line.Contains(gateway.WebSocketUri.ToString()));
        Assert.Contains(lines, line => line.Contains("--endpoint-url " + gateway.ManagementEndpoint));
        Assert.Contains(lines, line => line.Contains("aws lambda invoke --endpoint-url " + gateway.BaseUri.GetLeftPart(UriPartial.Authority) + " "));
        // Without --auth jwt there is no authorizer to invoke, as a stack without auth deploys none.
        Assert.Contains(lines, line => line.Contains("(functions: connections, publisher)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(86400, "# arrives as {\"type\":\"message\",\"seq\":1,\"epoch\":\"...\",\"data\":{\"text\":\"hello\"}}")]
    [InlineData(0, "# arrives as {\"type\":\"message\",\"data\":{\"text\":\"hello\"}}")]
    public async Task BannerShowsTheEnvelopeThePublishWillArriveIn(int historySeconds, string arrival)
    {
        await using var gateway = await TestGateway.StartAsync(
            TestGateway.Options with { HistorySeconds = historySeconds }, new Dictionary<string, IInvocationHandler>());
        using var output = new StringWriter();

        StartupBanner.Write(output, gateway);

        var lines = output.ToString().Split('\n').Select(line => line.Trim()).ToList();
        Assert.Contains(lines, line => line.StartsWith(arrival, StringComparison.Ordinal));
        Assert.Equal(historySeconds > 0, lines.Any(line => line.Contains("\"action\":\"resume\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunningGatewayPrintsItsBannerAndTheFunctionsLogLinesOnStandardOutput()
    {
        var port = FreePort.Next();
        using var process = StartGateway("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--stage", "smoke");
        var lines = Channel.CreateUnbounded<string>();
        process.OutputDataReceived += (_, line) => lines.Writer.TryWrite(line.Data ?? "");
        process.BeginOutputReadLine();
        try
        {
            await ReadUntilAsync(lines.Reader, line => line == $"export AWS_SECRET_ACCESS_KEY={LocalCredentials.SecretAccessKey}");

            using var socket = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/smoke?user_id=alice"));
            var connected = await ReadUntilAsync(lines.Reader, line => line.Contains("\"outcome\":\"connected\"", StringComparison.Ordinal));

            var entry = JsonDocument.Parse(connected).RootElement;
            Assert.Equal("$connect", entry.GetProperty("route").GetString());
            Assert.Equal("alice", entry.GetProperty("userId").GetString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<string> ReadUntilAsync(ChannelReader<string> lines, Func<string, bool> wanted)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await lines.ReadAsync(deadline.Token);
            if (wanted(line))
            {
                return line;
            }
        }
    }

    private static Process StartGateway(params string[] arguments) =>
        ChildProcess.Start("dotnet", [typeof(LocalGateway).Assembly.Location, .. arguments]);

    internal static async Task<(int ExitCode, string Error)> RunGatewayAsync(params string[] arguments)
    {
        var run = await ChildProcess.RunAsync("dotnet", [typeof(LocalGateway).Assembly.Location, .. arguments]);
        return (run.ExitCode, run.Error);
    }
}
