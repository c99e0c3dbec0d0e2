using Amazon.Runtime;

namespace Rtc.Functions.Runtime;

/// <summary>
/// The credentials a Lambda process signs with. Lambda hands the execution role's session credentials to the
/// function in <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c> and <c>AWS_SESSION_TOKEN</c>, and the SDK's
/// default chain takes them from there first. Handing the SDK those same variables directly gives the same
/// credentials without the chain's first-use work: a profile store, the shared config and credentials files
/// looked up, a file watcher on each that exists, the environment compared again on every request.
/// </summary>
public static class LambdaCredentials
{
    /// <summary>
    /// The credentials in the environment variables, or null when they are not set (SnapStart's container
    /// credentials, a developer machine's profile), so the caller keeps the SDK's default chain.
    /// </summary>
    public static AWSCredentials? FromEnvironment() =>
        IsSet(EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_ACCESSKEY)
        && (IsSet(EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_SECRETKEY)
            || IsSet(EnvironmentVariablesAWSCredentials.LEGACY_ENVIRONMENT_VARIABLE_SECRETKEY))
            // Reads the same variables the default chain's first step reads, the same way.
            ? new EnvironmentVariablesAWSCredentials()
            : null;

    private static bool IsSet(string name) => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name));
}
