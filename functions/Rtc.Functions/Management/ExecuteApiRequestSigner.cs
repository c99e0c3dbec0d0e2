using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace Rtc.Functions.Management;

/// <summary>
/// Builds SigV4-signed (<c>execute-api</c>) requests for <c>{base}/@connections/{id}</c> with AWSSDK.Core's signer.
/// The wire URL comes from the same SDK request that was signed, so the path bytes sent are the ones signed.
/// </summary>
internal sealed class ExecuteApiRequestSigner(Uri baseUri, string region)
{
    private const string ConnectionIdKey = "{ConnectionId}";
    private const string SecurityTokenHeader = "X-Amz-Security-Token";
    private const string HostHeader = "host";

    private readonly SigningClientConfig config = new(region);
    private readonly AWS4Signer signer = new();
    private readonly Uri endpoint = new(baseUri.AbsoluteUri.TrimEnd('/'));

    /// <summary>A signed request for one connection; <paramref name="body"/> is null for GET and DELETE.</summary>
    public HttpRequestMessage Create(HttpMethod method, string connectionId, byte[]? body, ImmutableCredentials credentials, DateTime signedAt)
    {
        var sdkRequest = new DefaultRequest(new ManagementRequest(), "ApiGatewayManagementApi")
        {
            HttpMethod = method.Method,
            Endpoint = endpoint,
            ResourcePath = "/@connections/" + ConnectionIdKey,
            // API Gateway verifies SigV4 the way every non-S3 service does: over the URI-encoded wire path, encoded again.
            UseDoubleEncoding = true,
            OverrideSigningServiceName = SigningClientConfig.ServiceName,
            AuthenticationRegion = region,
            Content = body ?? [],
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
}
