using System.Text;
using Rtc.Contracts;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Authorization;

/// <summary>
/// What a token must satisfy. A class rather than a record so the secret never appears in a generated
/// <c>ToString</c>.
/// </summary>
public sealed class AuthorizerSettings
{
    /// <summary>The exact <c>iss</c> a token must carry.</summary>
    public required string Issuer { get; init; }

    /// <summary>The <c>aud</c> a token must carry (one of its values when it is an array).</summary>
    public required string Audience { get; init; }

    /// <summary>Where RS256/ES256 keys come from; null in HS256 secret mode.</summary>
    public Uri? JwksUrl { get; init; }

    /// <summary>The shared HS256 secret (UTF-8); null in JWKS mode.</summary>
    public string? Hs256Secret { get; init; }

    /// <summary>The claim holding the user id. Default <see cref="FunctionSettings.DefaultUserClaim"/>.</summary>
    public string UserClaim { get; init; } = FunctionSettings.DefaultUserClaim;

    /// <summary>
    /// Reads <c>RTC_AUTH_ISSUER</c>, <c>RTC_AUTH_AUDIENCE</c>, exactly one of <c>RTC_AUTH_JWKS_URL</c> and
    /// <c>RTC_AUTH_HS256_SECRET</c>, and <c>RTC_AUTH_USER_CLAIM</c>. A missing or invalid setting throws
    /// <see cref="InvalidOperationException"/> naming the variable and what it accepts.
    /// </summary>
    public static AuthorizerSettings FromEnvironment(IFunctionEnvironment environment)
    {
        var jwksUrl = environment.Get(EnvironmentVariables.AuthJwksUrl);
        var secret = environment.Get(EnvironmentVariables.AuthHs256Secret);
        if ((jwksUrl is null) == (secret is null))
        {
            throw new InvalidOperationException(
                $"Set exactly one of {EnvironmentVariables.AuthJwksUrl} (an https URL of the issuer's JWKS) and " +
                $"{EnvironmentVariables.AuthHs256Secret} (a shared secret of at least {FunctionSettings.MinHs256SecretBytes} bytes); " +
                (jwksUrl is null ? "neither is set." : "both are set."));
        }

        return new AuthorizerSettings
        {
            Issuer = Required(environment, EnvironmentVariables.AuthIssuer, "the exact 'iss' value of accepted tokens"),
            Audience = Required(environment, EnvironmentVariables.AuthAudience, "the 'aud' value of accepted tokens"),
            JwksUrl = jwksUrl is null ? null : ParseJwksUrl(jwksUrl),
            Hs256Secret = secret is null ? null : CheckSecret(secret),
            UserClaim = environment.Get(EnvironmentVariables.AuthUserClaim)?.Trim() is { Length: > 0 } claim ? claim : FunctionSettings.DefaultUserClaim,
        };
    }

    private static string Required(IFunctionEnvironment environment, string name, string meaning) =>
        environment.Get(name)?.Trim() is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set; it must be {meaning}.");

    // Keys fetched over plain HTTP could be swapped in transit; only loopback (local development, tests) may skip TLS.
    private static Uri ParseJwksUrl(string value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            return url;
        }

        throw new InvalidOperationException(
            $"{EnvironmentVariables.AuthJwksUrl} is '{value}'; it must be an absolute https URL (http only for a loopback host).");
    }

    private static string CheckSecret(string secret) =>
        Encoding.UTF8.GetByteCount(secret) >= FunctionSettings.MinHs256SecretBytes
            ? secret
            : throw new InvalidOperationException(
                $"{EnvironmentVariables.AuthHs256Secret} is too short; it must be at least {FunctionSettings.MinHs256SecretBytes} bytes (256 bits).");
}
