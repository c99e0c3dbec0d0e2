using System.Text.Json.Serialization;
using Rtc.Contracts;

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

    /// <summary>
    /// True when <see cref="MethodArn"/> is <c>arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/$connect</c>,
    /// the only resource this authorizer ever allows.
    /// </summary>
    [JsonIgnore]
    public bool TargetsConnectRoute
    {
        get
        {
            var parts = MethodArn?.Split(':', 6);
            if (parts is not ["arn", { Length: > 0 }, "execute-api", { Length: > 0 }, { Length: > 0 }, var resource])
            {
                return false;
            }

            return resource.Split('/') is [{ Length: > 0 }, { Length: > 0 }, WebSocketRoutes.Connect];
        }
    }

    /// <summary>
    /// The bearer token: the <c>token</c> query parameter, else the token offered as a subprotocol next to
    /// <c>rtc</c> (<c>Sec-WebSocket-Protocol: rtc, &lt;token&gt;</c>); null when neither holds one.
    /// </summary>
    public string? FindToken()
    {
        if (QueryStringParameters?.GetValueOrDefault(Handshake.TokenQueryParameter) is { Length: > 0 } queryToken)
        {
            return queryToken;
        }

        // The browser offers exactly two subprotocols, "rtc" and the token; anything else is not our convention.
        var offered = Header(Handshake.SubprotocolHeader)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var token = offered switch
        {
            [Handshake.Subprotocol, var other] => other,
            [var other, Handshake.Subprotocol] => other,
            _ => null,
        };
        return token == Handshake.Subprotocol ? null : token;
    }
}
