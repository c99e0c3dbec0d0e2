using System.Diagnostics;
using Rtc.Functions.Runtime;
using Rtc.Local.Configuration;
using Rtc.Local.Hosting;
using Rtc.Local.Tests.Support;

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
        Assert.Contains(lines, line => line.Contains("aws lambda invoke --endpoint-url " + gateway.BaseUri));
    }

    private static async Task<(int ExitCode, string Error)> RunGatewayAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(LocalGateway).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await error);
    }
}
