using System.Security.Cryptography;
using Rtc.Contracts;
using Rtc.Functions.Authorization;
using Rtc.Functions.Runtime;

namespace Rtc.Local.Authorization;

/// <summary>
/// The JWT settings of <c>--auth jwt</c>: HS256 with a secret generated for each run (so tokens die with the
/// gateway and the secret is never printed), issuer and audience <c>rtc-local</c>. Mints development tokens.
/// </summary>
internal sealed class LocalAuth
{
    /// <summary>The issuer and audience of local development tokens.</summary>
    public const string IssuerAndAudience = "rtc-local";

    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

    /// <summary>The range of <c>ttl</c> (seconds) <c>/@local/token</c> accepts: 1 second to 1 day.</summary>
    public const int MinimumTtlSeconds = 1;
    public const int MaximumTtlSeconds = 86_400;

    private readonly string secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>RTC_AUTH_*</c> settings the authorizer function reads.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Environment =>
    [
        new(EnvironmentVariables.AuthIssuer, IssuerAndAudience),
        new(EnvironmentVariables.AuthAudience, IssuerAndAudience),
        new(EnvironmentVariables.AuthHs256Secret, secret),
    ];

    /// <summary>
    /// A token for <paramref name="userId"/> the authorizer accepts, valid for <paramref name="lifetime"/>
    /// (default <see cref="TokenLifetime"/>); throws <see cref="ArgumentException"/> for an invalid id.
    /// </summary>
    public string Mint(string userId, TimeSpan? lifetime = null) =>
        LocalDevelopmentTokens.Mint(AuthorizerSettings.FromEnvironment(new DictionaryEnvironment(Environment.ToDictionary())), userId, lifetime ?? TokenLifetime);
}
