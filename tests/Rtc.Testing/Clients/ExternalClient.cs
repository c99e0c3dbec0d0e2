using Rtc.Local.Configuration;

namespace Rtc.Testing.Clients;

/// <summary>Runs clients nobody here wrote (AWS CLI v2, boto3) against the gateway, with the local credentials.</summary>
public static class ExternalClient
{
    /// <summary>The Debian AWS CLI v2 (an older v1 may be earlier on PATH).</summary>
    public const string AwsCli = "/usr/bin/aws";

    /// <summary>The Debian Python that has boto3.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>, signing with <paramref name="secretAccessKey"/>.</summary>
    public static Task<ChildProcess.Result> RunAsync(string program, IEnumerable<string> arguments, string secretAccessKey = LocalCredentials.SecretAccessKey, string? standardInput = null)
    {
        // Only the local credentials: no profile, config file or instance metadata of the machine.
        var nowhere = Path.Combine(Path.GetTempPath(), $"no-aws-config-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = LocalCredentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = secretAccessKey,
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_CONFIG_FILE"] = nowhere,
            ["AWS_SHARED_CREDENTIALS_FILE"] = nowhere,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_PAGER"] = "",
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_PROFILE"] = null,
        };

        // Standard input is always given (empty by default) and closed, so a client never waits for a terminal.
        return ChildProcess.RunAsync(program, arguments, environment, standardInput: standardInput ?? "");
    }
}
