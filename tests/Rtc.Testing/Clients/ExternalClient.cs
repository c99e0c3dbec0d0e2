using System.Diagnostics;
using Rtc.Local.Configuration;

namespace Rtc.Testing.Clients;

/// <summary>Runs clients nobody here wrote (AWS CLI v2, boto3) against the gateway, with the local credentials.</summary>
public static class ExternalClient
{
    /// <summary>The Debian AWS CLI v2 (an older v1 may be earlier on PATH).</summary>
    public const string AwsCli = "/usr/bin/aws";

    /// <summary>The Debian Python that has boto3.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>What a client printed and how it exited.</summary>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>, signing with <paramref name="secretAccessKey"/>.</summary>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, string secretAccessKey = LocalCredentials.SecretAccessKey, string? standardInput = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only the local credentials: no profile, config file or instance metadata of the machine.
        var nowhere = Path.Combine(Path.GetTempPath(), $"no-aws-config-{Guid.NewGuid():N}");
        start.Environment["AWS_ACCESS_KEY_ID"] = LocalCredentials.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_CONFIG_FILE"] = nowhere;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = nowhere;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_PAGER"] = "";
        start.Environment.Remove("AWS_SESSION_TOKEN");
        start.Environment.Remove("AWS_PROFILE");

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        await process.StandardInput.WriteAsync(standardInput ?? "");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {Timeout}.");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
