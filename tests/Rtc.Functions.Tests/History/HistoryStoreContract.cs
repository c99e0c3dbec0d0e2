namespace Rtc.Functions.Tests.History;

/// <summary>
/// What every <see cref="IHistoryStore"/> must do. Each implementation's test class derives from this and says
/// how to build a store on an empty table and how its streams get lost.
/// </summary>
public abstract class HistoryStoreContract
{
    /// <summary>The retention every store under test is built with.</summary>
    protected static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    // Milliseconds for the publication time, whole seconds for expiry: what the table keeps.
    private static readonly DateTimeOffset PublishedAt = DynamoDbLocal.UnexpiringTime;

    /// <summary>A store with <see cref="Retention"/> on a new, empty table, reading at most <paramref name="pageSize"/> items per page where it pages at all.</summary>
    protected abstract Task<IHistoryStore> CreateStoreAsync(int pageSize = 100);

    /// <summary>Loses <paramref name="userId"/>'s stream the way it can be lost for this store; returns the store to use afterwards.</summary>
    protected abstract Task<IHistoryStore> LoseStreamAsync(IHistoryStore store, string userId);

    [Fact]
    public async Task TheFirstAppendStartsTheStreamAtOneWithAnEpoch()
    {
        var store = await CreateStoreAsync();

        var position = await store.AppendAsync("alice", Json("""{"n":1}"""), PublishedAt);

        Assert.Equal(1, position.Seq);
        Assert.False(string.IsNullOrEmpty(position.Epoch));
        Assert.Equal(new HistoryHead(position.Epoch, 1, PublishedAt), await store.GetHeadAsync("alice"));
    }

    [Fact]
    public async Task ConsecutiveAppendsGetConsecutiveNumbersInOneEpoch()
    {
        var store = await CreateStoreAsync();

        var positions = new List<HistoryPosition>();
        for (var n = 1; n <= 5; n++)
        {
            positions.Add(await store.AppendAsync("alice", Json($$"""{"n":{{n}}}"""), PublishedAt.AddSeconds(n)));
        }

        Assert.Equal([1, 2, 3, 4, 5], positions.Select(position => position.Seq));
        Assert.Single(positions.Select(position => position.Epoch).Distinct());
        Assert.Equal(new HistoryHead(positions[0].Epoch, 5, PublishedAt.AddSeconds(5)), await store.GetHeadAsync("alice"));
    }

    [Fact]
    public async Task HundredConcurrentAppendsForOneUserGetExactlyOneToHundredInOneEpochEachStoredOnce()
    {
        var store = await CreateStoreAsync();

        var positions = await Task.WhenAll(Enumerable.Range(1, 100).Select(n =>
            Task.Run(async () => (n, position: await store.AppendAsync("alice", Json($$"""{"n":{{n}}}"""), PublishedAt)))));

        Assert.Equal(Enumerable.Range(1, 100).Select(seq => (long)seq), positions.Select(result => result.position.Seq).Order());
        var epoch = Assert.Single(positions.Select(result => result.position.Epoch).Distinct());
        var stored = await store.ReadRangeAsync("alice", new HistoryRange(0, 100, 1000, long.MaxValue));
        Assert.Equal(
            positions.OrderBy(result => result.position.Seq).Select(result => (result.position.Seq, epoch, $$"""{"n":{{result.n}}}""")),
            stored.Select(message => (message.Seq, message.Epoch, Encoding.UTF8.GetString(message.Data))));
    }

    [Fact]
    public async Task EachUserHasAStreamOfItsOwn()
    {
        var store = await CreateStoreAsync();
        var alice = await store.AppendAsync("alice", Json("1"), PublishedAt);
        await store.AppendAsync("alice", Json("2"), PublishedAt);

        var bob = await store.AppendAsync("bob", Json("3"), PublishedAt);

        Assert.Equal(1, bob.Seq);
        Assert.NotEqual(alice.Epoch, bob.Epoch);
        Assert.Equal(2, (await store.GetHeadAsync("alice"))!.LatestSeq);
    }

    [Fact]
    public async Task AUserWhoWasNeverPublishedToHasNoHeadAndNoMessages()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync("alice", Json("1"), PublishedAt);

        Assert.Null(await store.GetHeadAsync("bob"));
        Assert.Empty(await store.ReadRangeAsync("bob", new HistoryRange(0, 10, 1000, long.MaxValue)));
    }

    [Fact]
    public async Task AStoredMessageKeepsItsExactBytesAndExpiresOneRetentionAfterItsPublication()
    {
        var store = await CreateStoreAsync();
        // Non-ASCII, an escaped quote and U+2028 must come back as the publisher wrote them, not re-encoded.
        var message = Json("""{"text":"héllo \"wörld\" \u2028 😀","n":[1,2.5e3,null]}""");

        var position = await store.AppendAsync("alice", message, PublishedAt);

        var stored = Assert.Single(await store.ReadRangeAsync("alice", new HistoryRange(0, 1, 1000, long.MaxValue)));
        Assert.Equal(message.ToArray(), stored.Data);
        Assert.Equal(position.Epoch, stored.Epoch);
        Assert.Equal(PublishedAt, stored.PublishedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((PublishedAt + Retention).ToUnixTimeSeconds()), stored.ExpiresAt);
    }

    [Fact]
    public async Task ARangeReadReturnsTheMessagesAfterItsStartThroughItsEndInAscendingOrder()
    {
        var store = await CreateStoreAsync();
        await AppendNumberedAsync(store, "alice", 10);

        var stored = await store.ReadRangeAsync("alice", new HistoryRange(3, 7, 1000, long.MaxValue));

        Assert.Equal([4, 5, 6, 7], stored.Select(message => message.Seq));
        Assert.Equal(["4", "5", "6", "7"], stored.Select(message => Encoding.UTF8.GetString(message.Data)));
    }

    [Fact]
    public async Task ARangeReadStopsAtItsMessageLimitAcrossSeveralPages()
    {
        var store = await CreateStoreAsync(pageSize: 2);
        await AppendNumberedAsync(store, "alice", 10);

        var stored = await store.ReadRangeAsync("alice", new HistoryRange(0, 10, 5, long.MaxValue));

        Assert.Equal([1, 2, 3, 4, 5], stored.Select(message => message.Seq));
    }

    [Fact]
    public async Task ARangeReadStopsOnceItHoldsItsByteBudgetButAlwaysReturnsOneMessage()
    {
        var store = await CreateStoreAsync(pageSize: 2);
        var hundredBytes = Json($"\"{new string('x', 98)}\"");
        for (var n = 0; n < 10; n++)
        {
            await store.AppendAsync("alice", hundredBytes, PublishedAt);
        }

        var threeMessages = await store.ReadRangeAsync("alice", new HistoryRange(0, 10, 1000, 250));
        var oneMessage = await store.ReadRangeAsync("alice", new HistoryRange(4, 10, 1000, 1));

        Assert.Equal([1, 2, 3], threeMessages.Select(message => message.Seq));
        Assert.Equal([5], oneMessage.Select(message => message.Seq));
    }

    [Fact]
    public async Task AnEmptyRangeReadsNothing()
    {
        var store = await CreateStoreAsync();
        await AppendNumberedAsync(store, "alice", 3);

        Assert.Empty(await store.ReadRangeAsync("alice", new HistoryRange(3, 3, 1000, long.MaxValue)));
    }

    [Fact]
    public async Task AfterTheStreamIsLostTheNextAppendStartsANewEpochAtOne()
    {
        var store = await CreateStoreAsync();
        var old = (await AppendNumberedAsync(store, "alice", 3))[^1];

        store = await LoseStreamAsync(store, "alice");
        Assert.Null(await store.GetHeadAsync("alice"));
        var renewed = await store.AppendAsync("alice", Json("\"new\""), PublishedAt);

        Assert.Equal(1, renewed.Seq);
        Assert.NotEqual(old.Epoch, renewed.Epoch);
        Assert.Equal(new HistoryHead(renewed.Epoch, 1, PublishedAt), await store.GetHeadAsync("alice"));
        var stored = Assert.Single(await store.ReadRangeAsync("alice", new HistoryRange(0, 1, 1000, long.MaxValue)));
        Assert.Equal((renewed.Epoch, "\"new\""), (stored.Epoch, Encoding.UTF8.GetString(stored.Data)));
    }

    private static ReadOnlyMemory<byte> Json(string json) => Encoding.UTF8.GetBytes(json);

    private static async Task<List<HistoryPosition>> AppendNumberedAsync(IHistoryStore store, string userId, int count)
    {
        var positions = new List<HistoryPosition>();
        for (var n = 1; n <= count; n++)
        {
            positions.Add(await store.AppendAsync(userId, Json(n.ToString()), PublishedAt));
        }

        return positions;
    }
}
