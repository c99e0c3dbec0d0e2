namespace Rtc.Functions.Storage;

/// <summary>Where open connections are kept, so every connection of a user can be found.</summary>
public interface IConnectionStore
{
    /// <summary>Stores a new connection. Returns false, writing nothing, when the id is already stored.</summary>
    Task<bool> AddAsync(Connection connection, CancellationToken cancellationToken = default);

    /// <summary>Removes a connection. Removing one that is not stored is not an error.</summary>
    Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>The ids of every connection of <paramref name="userId"/> (every page of the index).</summary>
    Task<IReadOnlyList<string>> ListConnectionIdsAsync(string userId, CancellationToken cancellationToken = default);
}
