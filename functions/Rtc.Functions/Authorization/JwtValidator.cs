using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Rtc.Contracts;

namespace Rtc.Functions.Authorization;

/// <summary>
/// Checks a JWT's algorithm, signature, issuer, audience and lifetime, then reads the user id claim. Every
/// refusal carries a reason category; the token itself never leaves this class.
/// </summary>
/// <remarks>
/// The audience is <c>aud</c>, except for a Cognito access token: Cognito names the app client of an access
/// token (<c>token_use: access</c>) in <c>client_id</c> and gives it no <c>aud</c>, while its ID tokens carry
/// the client id in <c>aud</c>. A token with an <c>aud</c> is judged by <c>aud</c> alone.
/// </remarks>
internal sealed class JwtValidator(AuthorizerSettings settings, ISigningKeySource keySource, TimeProvider clock)
{
    // Cognito's claim saying which kind of token it is (id or access), and the value for an access token.
    private const string TokenUseClaim = "token_use";
    private const string AccessTokenUse = "access";

    // The claim naming the app client a Cognito access token was issued to.
    private const string ClientIdClaim = "client_id";

    /// <summary>
    /// How far <c>exp</c> and <c>nbf</c> may be off: covers clock drift between the issuer and Lambda without
    /// keeping an expired token usable for long.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler handler = new();

    /// <summary>Verifies <paramref name="token"/>; throws <see cref="SigningKeysUnavailableException"/> when no keys can be had.</summary>
    public async Task<TokenCheck> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        if (ReadUnverified(token) is not { } unverified)
        {
            return TokenCheck.Refused(RefusalReasons.Malformed);
        }

        // Refuse "none" and any algorithm the key source does not use before looking at keys at all.
        if (!keySource.AllowedAlgorithms.Contains(unverified.Alg, StringComparer.Ordinal))
        {
            return TokenCheck.Refused(RefusalReasons.DisallowedAlgorithm);
        }

        var keys = await keySource.GetSigningKeysAsync(unverified.Kid is { Length: > 0 } kid ? kid : null, cancellationToken);
        if (keys.Count == 0)
        {
            return TokenCheck.Refused(RefusalReasons.UnknownKey);
        }

        var result = await handler.ValidateTokenAsync(token, Parameters(keys));
        if (!result.IsValid)
        {
            return TokenCheck.Refused(ReasonFor(result.Exception));
        }

        return ((JsonWebToken)result.SecurityToken).TryGetPayloadValue<string>(settings.UserClaim, out var userId)
            && UserIdRules.IsValid(userId)
                ? TokenCheck.Accepted(userId)
                : TokenCheck.Refused(RefusalReasons.InvalidUser);
    }

    private JsonWebToken? ReadUnverified(string token)
    {
        try
        {
            // Encrypted tokens (JWE) are not issued by the providers this serves.
            return handler.CanReadToken(token) && handler.ReadJsonWebToken(token) is { IsEncrypted: false } read ? read : null;
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenException)
        {
            return null;
        }
    }

    private TokenValidationParameters Parameters(IReadOnlyList<SecurityKey> keys) => new()
    {
        ValidIssuer = settings.Issuer,
        AudienceValidator = (audiences, token, _) => IsForTheAudience(audiences, token),
        ValidAlgorithms = keySource.AllowedAlgorithms,
        IssuerSigningKeys = keys,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = (notBefore, expires, _, _) => CheckLifetime(notBefore, expires),
    };

    // A false answer makes the library throw SecurityTokenInvalidAudienceException (reason wrong_audience).
    private bool IsForTheAudience(IEnumerable<string> audiences, SecurityToken token)
    {
        var named = audiences.ToList();
        if (named.Count > 0)
        {
            return named.Contains(settings.Audience, StringComparer.Ordinal);
        }

        return token is JsonWebToken jwt
            && jwt.TryGetPayloadValue<string>(TokenUseClaim, out var use) && use == AccessTokenUse
            && jwt.TryGetPayloadValue<string>(ClientIdClaim, out var clientId) && clientId == settings.Audience;
    }

    // The library's own lifetime check reads the system clock; this one reads the injected clock with the same
    // rules and the same exception types.
    private bool CheckLifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return (notBefore, expires) switch
        {
            (_, null) => throw new SecurityTokenNoExpirationException("The token has no expiry."),
            ({ } start, { } end) when start > end => throw new SecurityTokenInvalidLifetimeException("The token's nbf is after its exp."),
            ({ } start, _) when start > now + ClockSkew => throw new SecurityTokenNotYetValidException("The token is not valid yet."),
            (_, { } end) when end < now - ClockSkew => throw new SecurityTokenExpiredException("The token has expired."),
            _ => true,
        };
    }

    // Most derived types first: the expiry and not-before exceptions derive from the lifetime one.
    private static string ReasonFor(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => RefusalReasons.Expired,
        SecurityTokenNotYetValidException => RefusalReasons.NotYetValid,
        SecurityTokenNoExpirationException => RefusalReasons.MissingExpiry,
        SecurityTokenInvalidLifetimeException => RefusalReasons.InvalidLifetime,
        SecurityTokenInvalidIssuerException => RefusalReasons.WrongIssuer,
        SecurityTokenInvalidAudienceException => RefusalReasons.WrongAudience,
        SecurityTokenInvalidAlgorithmException => RefusalReasons.DisallowedAlgorithm,
        SecurityTokenInvalidSignatureException => RefusalReasons.BadSignature,
        SecurityTokenMalformedException or ArgumentException => RefusalReasons.Malformed,
        _ => RefusalReasons.InvalidToken,
    };
}

/// <summary>The result of checking one token: the verified user id, or the reason it was refused.</summary>
internal sealed record TokenCheck(string? UserId, string? RefusalReason)
{
    public static TokenCheck Accepted(string userId) => new(userId, null);

    public static TokenCheck Refused(string reason) => new(null, reason);
}

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
