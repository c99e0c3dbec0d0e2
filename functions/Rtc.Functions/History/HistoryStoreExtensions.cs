namespace Rtc.Functions.History;

/// <summary>Appending one message to many users' streams.</summary>
public static class HistoryStoreExtensions
{
    /// <summary>
    /// Appends <paramref name="message"/> to the stream of every user in <paramref name="userIds"/>, at most
    /// <paramref name="concurrency"/> users at a time (each user's allocation and store stay one after the
    /// other). Returns each user's position, in the order of <paramref name="userIds"/>. The first failure
    /// stops further appends and is thrown; streams already appended to keep their message.
    /// </summary>
    public static async Task<IReadOnlyList<HistoryPosition>> AppendToEachAsync(
        this IHistoryStore store,
        IReadOnlyList<string> userIds,
        ReadOnlyMemory<byte> message,
        DateTimeOffset publishedAt,
        int concurrency,
        CancellationToken cancellationToken = default)
    {
        var positions = new HistoryPosition[userIds.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, userIds.Count), parallel, async (index, token) =>
            positions[index] = await store.AppendAsync(userIds[index], message, publishedAt, token));
        return positions;
    }
}
