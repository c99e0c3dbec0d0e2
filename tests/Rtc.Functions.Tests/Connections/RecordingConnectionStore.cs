namespace Rtc.Functions.Tests.Connections;

/// <summary>
/// The in-memory store with a record of the rows it holds, so a test can read what a route wrote, and a switch
/// that makes removal fail.
/// </summary>
public sealed class RecordingConnectionStore : IConnectionStore
{
    private readonly InMemoryConnectionStore store = new();
    private readonly ConcurrentDictionary<string, Connection> rows = new(StringComparer.Ordinal);

    /// <summary>When set, every removal throws it and leaves the row.</summary>
    public Exception? RemoveFailure { get; set; }

    /// <summary>The row stored for <paramref name="connectionId"/>, or null.</summary>
    public Connection? Row(string connectionId) => rows.GetValueOrDefault(connectionId);

    /// <inheritdoc />
    public async Task<bool> AddAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        var added = await store.AddAsync(connection, cancellationToken);
        if (added)
        {
            rows[connection.ConnectionId] = connection;
        }

        return added;
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        if (RemoveFailure is { } failure)
        {
            throw failure;
        }

        await store.RemoveAsync(connectionId, cancellationToken);
        rows.TryRemove(connectionId, out _);
    }

    /// <inheritdoc />
    public Task<string?> GetUserIdAsync(string connectionId, CancellationToken cancellationToken = default) =>
        store.GetUserIdAsync(connectionId, cancellationToken);

    /// <inheritdoc />
    public Task<DateTimeOffset?> GetConnectedAtAsync(string connectionId, CancellationToken cancellationToken = default) =>
        store.GetConnectedAtAsync(connectionId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListConnectionIdsAsync(string userId, CancellationToken cancellationToken = default) =>
        store.ListConnectionIdsAsync(userId, cancellationToken);
}
