using Rtc.Contracts;

namespace Rtc.Stack.Configuration;

/// <summary>
/// The authorizer's settings. The HS256 secret's value is never held here: the template references the secret
/// config key instead, so it is never inlined.
/// </summary>
/// <param name="Mode">How <c>$connect</c> is authorised. Default <see cref="AuthMode.None"/>.</param>
/// <param name="Issuer">The accepted issuer.</param>
/// <param name="Audience">The accepted audience.</param>
/// <param name="JwksUrl">The issuer's JWKS URL, or empty when an HS256 secret is used.</param>
/// <param name="UsesHs256Secret">Whether the <c>authHs256Secret</c> key is set.</param>
/// <param name="UserClaim">The claim holding the user id. Default <c>sub</c>.</param>
/// <param name="TokenSource">Where clients put the token. Default <see cref="TokenSource.Query"/>.</param>
internal sealed record AuthSettings(
    AuthMode Mode,
    string Issuer,
    string Audience,
    string JwksUrl,
    bool UsesHs256Secret,
    string UserClaim,
    TokenSource TokenSource);
