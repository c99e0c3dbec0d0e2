using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace Rtc.Functions.Management;

/// <summary>
/// The smallest client configuration AWSSDK.Core's SigV4 signer accepts for <c>execute-api</c>. There is no
/// management API package to borrow one from, and the signer reads the region and service name from it.
/// </summary>
internal sealed class SigningClientConfig : ClientConfig
{
    /// <summary>The SigV4 service name of API Gateway's data plane, management API included.</summary>
    public const string ServiceName = "execute-api";

    // ClientConfig refuses to build without at least one default configuration.
    public SigningClientConfig(string region)
        : base(new DefaultConfigurationProvider([new DefaultConfiguration()]))
    {
        AuthenticationRegion = region;
        AuthenticationServiceName = ServiceName;
    }

    public override string RegionEndpointServiceName => ServiceName;

    public override string ServiceVersion => "2018-11-29";

    public override string UserAgent => "rtc-management-client";

    // Requests carry their own endpoint; the signer never asks for one when the service name is set.
    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        throw new NotSupportedException("The management client builds its own endpoint.");
}
