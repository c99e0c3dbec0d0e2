using System.Collections.Concurrent;

namespace Rtc.Local.Connections;

/// <summary>The gateway's open connections by id: what the management API can reach.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, LiveConnection> connections = new(StringComparer.Ordinal);

    public int Count => connections.Count;

    public IEnumerable<LiveConnection> All => connections.Values;

    /// <summary>Adds a connection whose <c>$connect</c> succeeded.</summary>
    public void Add(LiveConnection connection) => connections[connection.ConnectionId] = connection;

    /// <summary>The open connection with <paramref name="connectionId"/>, or null (the management API's 410).</summary>
    public LiveConnection? Find(string connectionId) =>
        connections.TryGetValue(connectionId, out var connection) && connection.CloseCause is null ? connection : null;

    /// <summary>Forgets a connection; later management calls for it answer 410.</summary>
    public void Remove(string connectionId) => connections.TryRemove(connectionId, out _);
}
