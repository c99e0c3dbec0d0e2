using Microsoft.IdentityModel.Tokens;

namespace Rtc.Functions.Authorization;

/// <summary>Supplies the keys a token's signature may be checked against.</summary>
public interface ISigningKeySource
{
    /// <summary>The algorithms tokens verified with these keys may use; any other <c>alg</c> is refused.</summary>
    IReadOnlyList<string> AllowedAlgorithms { get; }

    /// <summary>
    /// The keys for <paramref name="keyId"/> (the token's <c>kid</c>), or every key when it is null. Empty when no
    /// key has that id. Throws <see cref="SigningKeysUnavailableException"/> when no keys can be had at all.
    /// </summary>
    Task<IReadOnlyList<SecurityKey>> GetSigningKeysAsync(string? keyId, CancellationToken cancellationToken = default);
}

/// <summary>The issuer's keys could not be fetched or read, and no earlier copy is cached.</summary>
public sealed class SigningKeysUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
