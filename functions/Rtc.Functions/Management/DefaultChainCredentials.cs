using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Rtc.Functions.Management;

/// <summary>
/// The SDK's default credential chain (on Lambda: the function role's session credentials from the
/// environment), resolved on first use so that building a client never fails on a machine without credentials.
/// </summary>
internal sealed class DefaultChainCredentials(IClientConfig config) : AWSCredentials
{
    private readonly Lazy<AWSCredentials> resolved = new(() => new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(config));

    /// <inheritdoc />
    public override ImmutableCredentials GetCredentials() => resolved.Value.GetCredentials();

    /// <inheritdoc />
    public override Task<ImmutableCredentials> GetCredentialsAsync() => resolved.Value.GetCredentialsAsync();
}
