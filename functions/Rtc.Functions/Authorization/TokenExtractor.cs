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
        if (request.QueryStringParameters?.GetValueOrDefault(TokenLocations.QueryParameter) is { Length: > 0 } queryToken)
        {
            return queryToken;
        }

        return ProtocolHeaderValue(request) is { } protocols ? TokenFromProtocols(protocols) : null;
    }

    // Header names keep the client's casing in API Gateway events, and HTTP header names are case-insensitive.
    private static string? ProtocolHeaderValue(AuthorizerRequest request)
    {
        var single = request.Headers?.FirstOrDefault(
            header => string.Equals(header.Key, TokenLocations.ProtocolHeader, StringComparison.OrdinalIgnoreCase)).Value;
        if (single is not null)
        {
            return single;
        }

        var multiple = request.MultiValueHeaders?.FirstOrDefault(
            header => string.Equals(header.Key, TokenLocations.ProtocolHeader, StringComparison.OrdinalIgnoreCase)).Value;
        return multiple is null ? null : string.Join(',', multiple);
    }

    // The browser offers exactly two subprotocols, "rtc" and the token; anything else is not our convention.
    private static string? TokenFromProtocols(string protocols)
    {
        var offered = protocols.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (offered.Length != 2)
        {
            return null;
        }

        var token = offered[0] == TokenLocations.Subprotocol ? offered[1] : offered[1] == TokenLocations.Subprotocol ? offered[0] : null;
        return token == TokenLocations.Subprotocol ? null : token;
    }
}
