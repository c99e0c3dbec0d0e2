using Microsoft.IdentityModel.Tokens;

namespace Rtc.Functions.Authorization;

/// <summary>
/// RS256/ES256 keys from an issuer's JWKS URL (Cognito, Auth0 and other OIDC providers). The key set is cached
/// for <see cref="JwksCacheOptions.CacheLifetime"/>; a token naming an unknown <c>kid</c> refreshes it at most once
/// per <see cref="JwksCacheOptions.MinimumRefreshInterval"/>; concurrent callers share one fetch. The caller owns
/// <paramref name="httpClient"/>.
/// </summary>
public sealed class JwksKeySource(HttpClient httpClient, Uri jwksUrl, TimeProvider clock, JwksCacheOptions? options = null)
    : ISigningKeySource
{
    private readonly JwksCacheOptions options = options ?? new JwksCacheOptions();
    private readonly SemaphoreSlim fetchLock = new(1, 1);
    private volatile CachedKeySet? cached;
    private DateTimeOffset? lastFetchAttempt;

    /// <summary>RS256 and ES256: a JWKS holds public keys, so symmetric algorithms (key confusion) are refused.</summary>
    public IReadOnlyList<string> AllowedAlgorithms { get; } = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <inheritdoc />
    public async Task<IReadOnlyList<SecurityKey>> GetSigningKeysAsync(string? keyId, CancellationToken cancellationToken = default)
    {
        var current = cached;
        if (current is null || clock.GetUtcNow() - current.FetchedAt >= options.CacheLifetime)
        {
            current = await RefreshAsync(current, cancellationToken);
        }

        var matching = Matching(current, keyId);
        if (matching.Count == 0 && keyId is not null)
        {
            // The issuer may have rotated its keys since the last fetch.
            matching = Matching(await RefreshAsync(current, cancellationToken), keyId);
        }

        return matching;
    }

    private static IReadOnlyList<SecurityKey> Matching(CachedKeySet keySet, string? keyId) =>
        keyId is null ? keySet.Keys : [.. keySet.Keys.Where(key => string.Equals(key.KeyId, keyId, StringComparison.Ordinal))];

    private async Task<CachedKeySet> RefreshAsync(CachedKeySet? observed, CancellationToken cancellationToken)
    {
        await fetchLock.WaitAsync(cancellationToken);
        try
        {
            if (!ReferenceEquals(cached, observed))
            {
                return cached!; // another caller refreshed while this one waited
            }

            var now = clock.GetUtcNow();
            if (observed is not null && lastFetchAttempt is { } last && now - last < options.MinimumRefreshInterval)
            {
                return observed;
            }

            lastFetchAttempt = now;
            try
            {
                cached = new CachedKeySet(await FetchAsync(cancellationToken), now);
            }
            catch (SigningKeysUnavailableException) when (observed is not null)
            {
                // Keep verifying with the keys already known rather than refusing everyone during an issuer outage.
            }

            return cached!;
        }
        finally
        {
            fetchLock.Release();
        }
    }

    private async Task<IReadOnlyList<SecurityKey>> FetchAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.FetchTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var json = await httpClient.GetStringAsync(jwksUrl, linked.Token);
            return [.. new JsonWebKeySet(json).GetSigningKeys().Where(IsPublicKey)];
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SigningKeysUnavailableException($"Fetching the JWKS took longer than {options.FetchTimeout}.", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or ArgumentException or InvalidOperationException)
        {
            throw new SigningKeysUnavailableException($"The JWKS could not be fetched or read: {exception.GetType().Name}.", exception);
        }
    }

    // A JWKS publishes public keys; a symmetric ("oct") entry would let anyone who reads the set forge tokens.
    private static bool IsPublicKey(SecurityKey key) =>
        key is RsaSecurityKey or ECDsaSecurityKey
        || (key is JsonWebKey jsonWebKey && jsonWebKey.Kty is JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve);

    private sealed record CachedKeySet(IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt);
}

/// <summary>How <see cref="JwksKeySource"/> caches and refreshes the issuer's key set.</summary>
public sealed record JwksCacheOptions
{
    /// <summary>How long a fetched key set is used before it is fetched again. Default 1 hour.</summary>
    public TimeSpan CacheLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The least time between two fetches. A token naming an unknown <c>kid</c> triggers a refresh (the issuer
    /// may have rotated keys) only when the last fetch is at least this old, so forged key ids cannot cause a
    /// fetch storm. Default 5 minutes.
    /// </summary>
    public TimeSpan MinimumRefreshInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one fetch may take before it is abandoned. Default 5 seconds.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
