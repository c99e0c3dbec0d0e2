namespace Rtc.Functions.Authorization;

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
