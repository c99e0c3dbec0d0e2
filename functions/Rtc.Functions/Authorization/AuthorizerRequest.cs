using System.Text.Json.Serialization;
using Rtc.Functions.Contracts;

namespace Rtc.Functions.Authorization;

/// <summary>
/// API Gateway's Lambda REQUEST authorizer event for a WebSocket API's <c>$connect</c> route. It carries the
/// handshake's headers and query string, like the <c>$connect</c> proxy event, plus <see cref="MethodArn"/>.
/// </summary>
public sealed class AuthorizerRequest : ApiGatewayRequest
{
    /// <summary>Always <c>REQUEST</c> for a REQUEST authorizer.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The route being authorised: <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect</c>.</summary>
    [JsonPropertyName("methodArn")]
    public string? MethodArn { get; init; }
}
