using Rtc.Functions.Contracts;

namespace Rtc.Functions.Authorization;

/// <summary>Finds the bearer token in a <c>$connect</c> authorizer event.</summary>
internal static class TokenExtractor
{
    /// <summary>
    /// The token from the <c>token</c> query parameter, else from <c>Sec-WebSocket-Protocol: rtc, &lt;token&gt;</c>;
    /// null when neither holds one.
    /// </summary>
    public static string? Extract(AuthorizerRequest request)
    {
        if (request.QueryStringParameters?.GetValueOrDefault(Handshake.TokenQueryParameter) is { Length: > 0 } queryToken)
        {
            return queryToken;
        }

        return request.Header(Handshake.SubprotocolHeader) is { } protocols ? TokenFromProtocols(protocols) : null;
    }

    // The browser offers exactly two subprotocols, "rtc" and the token; anything else is not our convention.
    private static string? TokenFromProtocols(string protocols)
    {
        var offered = protocols.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (offered.Length != 2)
        {
            return null;
        }

        var token = offered[0] == Handshake.Subprotocol ? offered[1] : offered[1] == Handshake.Subprotocol ? offered[0] : null;
        return token == Handshake.Subprotocol ? null : token;
    }
}
