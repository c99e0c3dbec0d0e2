namespace Rtc.Functions.Tests.History;

public sealed class InMemoryHistoryStoreTests : HistoryStoreContract
{
    protected override Task<IHistoryStore> CreateStoreAsync(int pageSize = 100) =>
        Task.FromResult<IHistoryStore>(new InMemoryHistoryStore(Retention));

    // Memory is lost with its process: the restarted gateway starts with an empty store.
    protected override Task<IHistoryStore> LoseStreamAsync(IHistoryStore store, string userId) =>
        CreateStoreAsync();

    [Fact]
    public async Task AnAppendDropsTheUsersExpiredMessagesButTheNewest()
    {
        var store = new InMemoryHistoryStore(TimeSpan.FromMinutes(1));
        var start = DateTimeOffset.FromUnixTimeSeconds(1795867547);
        await store.AppendAsync("alice", Encoding.UTF8.GetBytes("1"), start);
        await store.AppendAsync("alice", Encoding.UTF8.GetBytes("2"), start.AddSeconds(10));
        await store.AppendAsync("alice", Encoding.UTF8.GetBytes("3"), start.AddSeconds(30));

        await store.AppendAsync("alice", Encoding.UTF8.GetBytes("4"), start.AddSeconds(70));

        // 2 stays, expired, as an item TTL has not deleted yet would: a resume needing 1 learns it expired.
        var stored = await store.ReadRangeAsync("alice", new HistoryRange(0, 4, 1000, long.MaxValue));
        Assert.Equal([2, 3, 4], stored.Select(message => message.Seq));
    }
}
