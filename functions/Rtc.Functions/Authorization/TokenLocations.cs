namespace Rtc.Functions.Authorization;

/// <summary>
/// Where a client puts its token on the <c>$connect</c> handshake. Browsers cannot set headers on a WebSocket,
/// so the token travels in the query string or as a second offered subprotocol.
/// </summary>
public static class TokenLocations
{
    /// <summary>The query parameter: <c>wss://.../stage?token=...</c>.</summary>
    public const string QueryParameter = "token";

    /// <summary>API Gateway's identity source for <see cref="QueryParameter"/>.</summary>
    public const string QueryIdentitySource = "route.request.querystring.token";

    /// <summary>The handshake header a browser fills from <c>new WebSocket(url, ["rtc", token])</c>.</summary>
    public const string ProtocolHeader = "Sec-WebSocket-Protocol";

    /// <summary>API Gateway's identity source for <see cref="ProtocolHeader"/>.</summary>
    public const string ProtocolIdentitySource = "route.request.header.Sec-WebSocket-Protocol";

    /// <summary>The subprotocol offered next to the token; <c>$connect</c> echoes it back when the token came this way.</summary>
    public const string Subprotocol = "rtc";
}
