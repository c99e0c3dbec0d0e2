namespace Rtc.Functions.Storage;

/// <summary>Where open connections are kept, so every connection of a user can be found.</summary>
public interface IConnectionStore
{
    /// <summary>Stores a new connection. Returns false, writing nothing, when the id is already stored.</summary>
    Task<bool> AddAsync(Connection connection, CancellationToken cancellationToken = default);

    /// <summary>Removes a connection. Removing one that is not stored is not an error.</summary>
    Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The user of a stored connection, read from its row (strongly consistent), or null when it is not stored:
    /// the only source of a message's user, since a message's body is the client's to write.
    /// </summary>
    Task<string?> GetUserIdAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// When a stored connection began (its row's <c>connected_at</c>, strongly consistent), or null when it is not
    /// stored: how a 410 for it is judged (<see cref="GoneConnections"/>).
    /// </summary>
    Task<DateTimeOffset?> GetConnectedAtAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>The ids of every connection of <paramref name="userId"/> (every page of the index).</summary>
    Task<IReadOnlyList<string>> ListConnectionIdsAsync(string userId, CancellationToken cancellationToken = default);
}

/// <summary>One open WebSocket connection, as stored in the connection table.</summary>
/// <param name="ConnectionId">API Gateway's connection id (the table's partition key).</param>
/// <param name="UserId">Whose connection this is (the <c>UserIdIndex</c> partition key).</param>
/// <param name="ConnectedAt">When the connection opened.</param>
/// <param name="ExpiresAt">When the row may be expired by the table's TTL.</param>
/// <param name="SourceIp">The client's address, if known.</param>
/// <param name="UserAgent">The client's user agent, if known.</param>
public sealed record Connection(
    string ConnectionId,
    string UserId,
    DateTimeOffset ConnectedAt,
    DateTimeOffset ExpiresAt,
    string? SourceIp = null,
    string? UserAgent = null);
