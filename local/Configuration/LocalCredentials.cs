using Amazon.Runtime;

namespace Rtc.Local.Configuration;

/// <summary>
/// The fixed credentials the local gateway accepts on its management and invoke APIs. They are documented
/// placeholders that open nothing outside this process, so printing them is safe.
/// </summary>
internal static class LocalCredentials
{
    /// <summary>The access key id: <c>AKIALOCALRTCGATEWAY1</c>.</summary>
    public const string AccessKeyId = "AKIALOCALRTCGATEWAY1";

    /// <summary>The secret access key: <c>local-rtc-gateway-secret-not-for-aws</c>.</summary>
    public const string SecretAccessKey = "local-rtc-gateway-secret-not-for-aws";

    /// <summary>The credentials as the AWS SDK takes them.</summary>
    public static AWSCredentials Credentials => new BasicAWSCredentials(AccessKeyId, SecretAccessKey);
}
