namespace Rtc.Contracts;

/// <summary>
/// What a client puts on the <c>$connect</c> handshake, defined once: the connections and authorizer functions
/// read it, the stack deploys it as the authorizer's identity source and publishes it in <c>clientConfig</c>, and
/// the local gateway checks it. Browsers cannot set headers on a WebSocket, so who is connecting travels in the
/// query string or as an offered subprotocol.
/// </summary>
public static class Handshake
{
    /// <summary>
    /// The subprotocol this service speaks. A browser offers it next to its token
    /// (<c>new WebSocket(url, ["rtc", token])</c>) and <c>$connect</c> accepts it, because a browser that offered
    /// subprotocols drops a handshake that accepts none.
    /// </summary>
    public const string Subprotocol = "rtc";

    /// <summary>The handshake header that offers and accepts subprotocols.</summary>
    public const string SubprotocolHeader = "Sec-WebSocket-Protocol";

    /// <summary>The query parameter that names the user when authorisation is off: <c>wss://.../stage?user_id=...</c>.</summary>
    public const string UserIdQueryParameter = "user_id";

    /// <summary>The query parameter that carries the token: <c>wss://.../stage?token=...</c>.</summary>
    public const string TokenQueryParameter = "token";

    /// <summary><c>clientConfig.auth.tokenSource</c> (and the stack's <c>authTokenSource</c>) for a token in <see cref="TokenQueryParameter"/>.</summary>
    public const string TokenInQuery = "query";

    /// <summary><c>clientConfig.auth.tokenSource</c> (and the stack's <c>authTokenSource</c>) for a token offered as the subprotocol after <see cref="Subprotocol"/>.</summary>
    public const string TokenInSubprotocol = "protocol";

    /// <summary>Where <c>clientConfig.auth.subprotocols</c> shows the token: <c>["rtc", "&lt;token&gt;"]</c>.</summary>
    public const string TokenPlaceholder = "<token>";

    /// <summary>API Gateway's identity source for a token in <see cref="TokenQueryParameter"/>.</summary>
    public const string TokenQueryIdentitySource = "route.request.querystring." + TokenQueryParameter;

    /// <summary>API Gateway's identity source for a token offered as a subprotocol in <see cref="SubprotocolHeader"/>.</summary>
    public const string SubprotocolIdentitySource = "route.request.header." + SubprotocolHeader;
}
