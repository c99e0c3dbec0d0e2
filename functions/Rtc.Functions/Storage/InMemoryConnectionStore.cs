using System.Collections.Concurrent;

namespace Rtc.Functions.Storage;

/// <summary>A connection store in process memory: the local gateway's default and the fast tests' store.</summary>
public sealed class InMemoryConnectionStore : IConnectionStore
{
    private readonly ConcurrentDictionary<string, Connection> connections = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> AddAsync(Connection connection, CancellationToken cancellationToken = default) =>
        Task.FromResult(connections.TryAdd(connection.ConnectionId, connection));

    /// <inheritdoc />
    public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        connections.TryRemove(connectionId, out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string?> GetUserIdAsync(string connectionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(connections.TryGetValue(connectionId, out var connection) ? connection.UserId : null);

    /// <inheritdoc />
    public Task<DateTimeOffset?> GetConnectedAtAsync(string connectionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(connections.TryGetValue(connectionId, out var connection) ? connection.ConnectedAt : (DateTimeOffset?)null);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListConnectionIdsAsync(string userId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> ids = connections.Values
            .Where(connection => connection.UserId == userId)
            .Select(connection => connection.ConnectionId)
            .ToList();
        return Task.FromResult(ids);
    }
}
