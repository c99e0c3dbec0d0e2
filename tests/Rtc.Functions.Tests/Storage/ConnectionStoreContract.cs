using Rtc.Contracts;
using Rtc.Functions.Storage;
using Rtc.Testing;

namespace Rtc.Functions.Tests.Storage;

/// <summary>
/// What every <see cref="IConnectionStore"/> must do. Each implementation's test class derives from this and
/// says how to build a store on an empty table.
/// </summary>
public abstract class ConnectionStoreContract
{
    // Whole seconds for expiry, milliseconds for the connection time: what the table keeps.
    private static readonly DateTimeOffset ConnectedAt = DynamoDbLocal.UnexpiringTime;

    /// <summary>A store on a new, empty table whose user queries return at most <paramref name="pageSize"/> ids per page, where the store pages at all.</summary>
    protected abstract Task<IConnectionStore> CreateStoreAsync(int pageSize = 100);

    [Fact]
    public async Task AnAddedConnectionIsListedUnderItsUser()
    {
        var store = await CreateStoreAsync();

        Assert.True(await store.AddAsync(Connection("conn-1=", "alice")));

        Assert.Equal(["conn-1="], await store.ListConnectionIdsAsync("alice"));
    }

    [Fact]
    public async Task AConnectionWithoutAddressOrUserAgentIsStoredToo()
    {
        var store = await CreateStoreAsync();

        Assert.True(await store.AddAsync(Connection("conn-1=", "alice") with { SourceIp = null, UserAgent = null }));

        Assert.Equal(["conn-1="], await store.ListConnectionIdsAsync("alice"));
    }

    [Fact]
    public async Task AddingADuplicateConnectionIdReturnsFalseAndKeepsTheFirstRow()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Connection("conn-1=", "alice"));

        var added = await store.AddAsync(Connection("conn-1=", "mallory"));

        Assert.False(added);
        Assert.Equal(["conn-1="], await store.ListConnectionIdsAsync("alice"));
        Assert.Empty(await store.ListConnectionIdsAsync("mallory"));
    }

    [Fact]
    public async Task ARemovedConnectionIsGoneFromItsUser()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Connection("conn-1=", "alice"));
        await store.AddAsync(Connection("conn-2=", "alice"));

        await store.RemoveAsync("conn-1=");

        Assert.Equal(["conn-2="], await store.ListConnectionIdsAsync("alice"));
    }

    [Fact]
    public async Task RemovingAConnectionThatIsNotStoredSucceedsAndTouchesNoOtherRow()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Connection("conn-1=", "alice"));

        await store.RemoveAsync("never-seen=");

        Assert.Equal(["conn-1="], await store.ListConnectionIdsAsync("alice"));
    }

    [Fact]
    public async Task ListingAUserWithoutConnectionsIsEmpty()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Connection("conn-1=", "alice"));

        Assert.Empty(await store.ListConnectionIdsAsync("bob"));
    }

    [Fact]
    public async Task ListingAUserReturnsEveryConnectionAcrossSeveralPagesAndNoOtherUsers()
    {
        var store = await CreateStoreAsync(pageSize: 2);
        var aliceIds = Enumerable.Range(1, 7).Select(n => $"alice-{n}=").ToList();
        foreach (var id in aliceIds)
        {
            await store.AddAsync(Connection(id, "alice"));
        }

        await store.AddAsync(Connection("bob-1=", "bob"));

        var listed = await store.ListConnectionIdsAsync("alice");

        Assert.Equal(aliceIds.Order(), listed.Order());
    }

    private static Connection Connection(string connectionId, string userId) => new(
        connectionId,
        userId,
        ConnectedAt,
        DateTimeOffset.FromUnixTimeSeconds(ConnectedAt.ToUnixTimeSeconds()) + ConnectionTableSchema.RowLifetime,
        "203.0.113.17",
        "Mozilla/5.0");
}
