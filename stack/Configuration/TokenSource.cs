namespace Rtc.Stack.Configuration;

/// <summary>Where clients put their token, and so the authorizer's identity source.</summary>
internal enum TokenSource
{
    /// <summary>The <c>token</c> query parameter (<c>route.request.querystring.token</c>).</summary>
    Query,

    /// <summary>The second offered subprotocol, after <c>rtc</c> (<c>route.request.header.Sec-WebSocket-Protocol</c>).</summary>
    Protocol,
}
