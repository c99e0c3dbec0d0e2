using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Rtc.Contracts;
using Rtc.Functions.Authorization;

namespace Rtc.Local.Authorization;

/// <summary>
/// Mints HS256 tokens that an authorizer in secret mode accepts: for the local gateway's quick start and for
/// tests. It lives with the gateway so the deployed functions do not carry it.
/// </summary>
internal static class LocalDevelopmentTokens
{
    /// <summary>
    /// A token for <paramref name="userId"/> with the issuer, audience, user claim and HS256 secret of
    /// <paramref name="settings"/>, valid from now for <paramref name="lifetime"/>.
    /// </summary>
    /// <param name="settings">Authorizer settings in HS256 secret mode.</param>
    /// <param name="userId">The user the token names; see <see cref="UserIdRules"/>.</param>
    /// <param name="lifetime">How long the token is valid; positive.</param>
    /// <param name="clock">The clock "now" is read from. Default <see cref="TimeProvider.System"/>.</param>
    public static string Mint(AuthorizerSettings settings, string userId, TimeSpan lifetime, TimeProvider? clock = null)
    {
        if (settings.Hs256Secret is not { } secret)
        {
            throw new ArgumentException("Local development tokens need settings with an HS256 secret.", nameof(settings));
        }

        if (!UserIdRules.IsValid(userId))
        {
            throw new ArgumentException($"A user id must be {UserIdRules.Description}.", nameof(userId));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Claims = new Dictionary<string, object> { [settings.UserClaim] = userId },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
    }
}
