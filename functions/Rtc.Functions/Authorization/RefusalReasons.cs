namespace Rtc.Functions.Authorization;

/// <summary>Why a connection was refused: the <c>reason</c> field of the authorizer's log line. Never the token.</summary>
internal static class RefusalReasons
{
    public const string MalformedEvent = "malformed_event";
    public const string MissingToken = "missing_token";
    public const string Malformed = "malformed";
    public const string DisallowedAlgorithm = "disallowed_algorithm";
    public const string UnknownKey = "unknown_key";
    public const string BadSignature = "bad_signature";
    public const string WrongIssuer = "wrong_issuer";
    public const string WrongAudience = "wrong_audience";
    public const string Expired = "expired";
    public const string NotYetValid = "not_yet_valid";
    public const string MissingExpiry = "missing_expiry";
    public const string InvalidLifetime = "invalid_lifetime";
    public const string InvalidUser = "invalid_user";
    public const string InvalidToken = "invalid_token";
    public const string NotConnectRoute = "not_connect_route";
    public const string KeysUnavailable = "keys_unavailable";
}
