using Rtc.Functions.History;
using Rtc.Functions.Storage;

namespace Rtc.Benchmarks;

/// <summary>
/// The in-memory connection store behind DynamoDB's round trip: every request the DynamoDB store would make waits
/// <paramref name="latency"/> first (an async wait, holding no thread).
/// </summary>
/// <param name="store">The store answering.</param>
/// <param name="latency">One DynamoDB request's latency.</param>
internal sealed class DynamoDbLatencyConnectionStore(IConnectionStore store, TimeSpan latency) : IConnectionStore
{
    public async Task<bool> AddAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        await Task.Delay(latency, cancellationToken);
        return await store.AddAsync(connection, cancellationToken);
    }

    public async Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        await Task.Delay(latency, cancellationToken);
        await store.RemoveAsync(connectionId, cancellationToken);
    }

    public async Task<string?> GetUserIdAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        await Task.Delay(latency, cancellationToken);
        return await store.GetUserIdAsync(connectionId, cancellationToken);
    }

    // One Query page: every benchmark user's connections fit one.
    public async Task<IReadOnlyList<string>> ListConnectionIdsAsync(string userId, CancellationToken cancellationToken = default)
    {
        await Task.Delay(latency, cancellationToken);
        return await store.ListConnectionIdsAsync(userId, cancellationToken);
    }
}

/// <summary>
/// The in-memory history store behind DynamoDB's round trips: an append waits <paramref name="latency"/> twice (the
/// head's UpdateItem, then the message's PutItem, one after the other as <c>DynamoDbHistoryStore</c> makes them),
/// a read once per Query.
/// </summary>
/// <param name="store">The store answering.</param>
/// <param name="latency">One DynamoDB request's latency.</param>
internal sealed class DynamoDbLatencyHistoryStore(IHistoryStore store, TimeSpan latency) : IHistoryStore
{
    public async Task<HistoryPosition> AppendAsync(string userId, ReadOnlyMemory<byte> message, DateTimeOffset publishedAt, CancellationToken cancellationToken = default)
    {
        await Task.Delay(latency, cancellationToken);
        await Task.Delay(latency, cancellationToken);
        return await store.AppendAsync(userId, message, publishedAt, cancellationToken);
    }

    public async Task<HistoryHead?> GetHeadAsync(string userId, CancellationToken cancellationToken = default)
    {
        await Task.Delay(latency, cancellationToken);
        return await store.GetHeadAsync(userId, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredMessage>> ReadRangeAsync(string userId, HistoryRange range, CancellationToken cancellationToken = default)
    {
        await Task.Delay(latency, cancellationToken);
        return await store.ReadRangeAsync(userId, range, cancellationToken);
    }
}
