namespace Rtc.Contracts;

/// <summary>Where clients put their token under <see cref="AuthMode.Jwt"/>, and so the authorizer's identity source.</summary>
public enum TokenSource
{
    /// <summary>The <c>token</c> query parameter (<c>route.request.querystring.token</c>).</summary>
    Query,

    /// <summary>The second offered subprotocol, after <c>rtc</c> (<c>route.request.header.Sec-WebSocket-Protocol</c>).</summary>
    Protocol,
}
