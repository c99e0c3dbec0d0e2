using Amazon.Runtime;

namespace Rtc.Local.Configuration;

/// <summary>
/// The fixed credentials the local gateway accepts on its management and invoke APIs. They are documented
/// placeholders that open nothing outside this process, so printing them is safe.
/// </summary>
internal static class LocalCredentials
{
    public const string AccessKeyId = "AKIALOCALRTCGATEWAY1";

    public const string SecretAccessKey = "local-rtc-gateway-secret-not-for-aws";

    /// <summary>The credentials as the AWS SDK takes them.</summary>
    public static AWSCredentials Credentials => new BasicAWSCredentials(AccessKeyId, SecretAccessKey);
}
