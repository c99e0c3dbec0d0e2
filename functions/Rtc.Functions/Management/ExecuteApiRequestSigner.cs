using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Management;

/// <summary>
/// Builds SigV4-signed (<c>execute-api</c>) PostToConnection requests for <c>{base}/@connections/{id}</c> with
/// AWSSDK.Core's signer. The wire URL comes from the same SDK request that was signed, so the path bytes sent are
/// the ones signed.
/// </summary>
internal sealed class ExecuteApiRequestSigner(Uri baseUri, string region)
{
    /// <summary>The SigV4 service name of API Gateway's data plane, management API included.</summary>
    public const string ServiceName = "execute-api";

    private const string ConnectionIdKey = "{ConnectionId}";
    private const string SecurityTokenHeader = "X-Amz-Security-Token";
    private const string HostHeader = "host";

    private readonly SigningClientConfig config = new(region);
    private readonly AWS4Signer signer = new();
    private readonly Uri endpoint = new(baseUri.AbsoluteUri.TrimEnd('/'));

    /// <summary>
    /// On Lambda, the function role's session credentials from the environment (<see cref="LambdaCredentials"/>);
    /// elsewhere the SDK's default credential chain, resolved on first use so that building a client never fails on
    /// a machine without credentials.
    /// </summary>
    public static AWSCredentials DefaultCredentials(string region) =>
        LambdaCredentials.FromEnvironment() ?? new DefaultChainCredentials(new SigningClientConfig(region));

    public HttpRequestMessage CreatePost(string connectionId, byte[] body, ImmutableCredentials credentials, DateTime signedAt) =>
        Create(HttpMethod.Post, connectionId, body, credentials, signedAt);

    /// <summary>A signed DeleteConnection request (<c>DELETE {base}/@connections/{id}</c>, no body).</summary>
    public HttpRequestMessage CreateDelete(string connectionId, ImmutableCredentials credentials, DateTime signedAt) =>
        Create(HttpMethod.Delete, connectionId, null, credentials, signedAt);

    private HttpRequestMessage Create(HttpMethod method, string connectionId, byte[]? body, ImmutableCredentials credentials, DateTime signedAt)
    {
        var sdkRequest = new DefaultRequest(new ManagementRequest(), "ApiGatewayManagementApi")
        {
            HttpMethod = method.Method,
            Endpoint = endpoint,
            ResourcePath = "/@connections/" + ConnectionIdKey,
            // API Gateway verifies SigV4 the way every non-S3 service does: over the URI-encoded wire path, encoded again.
            UseDoubleEncoding = true,
            OverrideSigningServiceName = ServiceName,
            AuthenticationRegion = region,
            Content = body,
        };
        sdkRequest.AddPathResource(ConnectionIdKey, connectionId);

        // Sign() leaves session credentials' token out; it has to be a header before signing so it is signed too.
        if (credentials.UseToken)
        {
            sdkRequest.Headers[SecurityTokenHeader] = credentials.Token;
        }

        var signature = signer.SignRequest(sdkRequest, config, null, credentials.AccessKey, credentials.SecretKey, signedAt);
        var message = new HttpRequestMessage(method, AmazonServiceClient.ComposeUrl(sdkRequest));
        foreach (var (name, value) in sdkRequest.Headers)
        {
            // HttpClient writes Host itself from the URL (same host and port the signer used).
            if (!name.Equals(HostHeader, StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
        }

        return message;
    }

    /// <summary>The SDK's request type needs an originating request object; the management calls have no model.</summary>
    private sealed class ManagementRequest : AmazonWebServiceRequest;

    /// <summary>
    /// The smallest client configuration AWSSDK.Core's SigV4 signer accepts for <c>execute-api</c>. There is no
    /// management API package to borrow one from, and the signer reads the region and service name from it.
    /// </summary>
    private sealed class SigningClientConfig : ClientConfig
    {
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

    private sealed class DefaultChainCredentials(IClientConfig config) : AWSCredentials
    {
        private readonly Lazy<AWSCredentials> resolved = new(() => new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(config));

        public override ImmutableCredentials GetCredentials() => resolved.Value.GetCredentials();

        public override Task<ImmutableCredentials> GetCredentialsAsync() => resolved.Value.GetCredentialsAsync();
    }
}
