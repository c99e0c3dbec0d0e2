using Amazon.DynamoDBv2.Model;
using Rtc.Contracts;
using Rtc.Functions.History;
using Rtc.Testing;

namespace Rtc.Functions.Tests.History;

[Collection(DynamoDbLocal.Collection)]
public sealed class DynamoDbHistoryStoreTests(DynamoDbLocal dynamo) : HistoryStoreContract
{
    private string tableName = "";

    protected override async Task<IHistoryStore> CreateStoreAsync(int pageSize = 100)
    {
        tableName = await dynamo.CreateHistoryTableAsync();
        return new DynamoDbHistoryStore(dynamo.Client, tableName, Retention, pageSize);
    }

    // The head item going (deleted by hand, or missing from a restored table) is what loses a stream.
    protected override async Task<IHistoryStore> LoseStreamAsync(IHistoryStore store, string userId)
    {
        await dynamo.Client.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = Key(userId, HistoryTableSchema.HeadSeq) });
        return store;
    }

    [Fact]
    public async Task TheMessageItemHoldsTheJsonTextWithPublicationInMillisecondsAndExpiryInSeconds()
    {
        var store = await CreateStoreAsync();
        var publishedAt = DynamoDbLocal.UnexpiringTime;

        var position = await store.AppendAsync("alice", """{"text":"héllo"}"""u8.ToArray(), publishedAt);

        var item = await GetItemAsync("alice", position.Seq);
        Assert.Equal("1", item[HistoryTableSchema.SeqAttribute].N);
        Assert.Equal(position.Epoch, item[HistoryTableSchema.EpochAttribute].S);
        Assert.Equal("""{"text":"héllo"}""", item[HistoryTableSchema.MessageAttribute].S);
        Assert.Equal("4102444800123", item[HistoryTableSchema.PublishedAtAttribute].N);
        // 4102444800 + 86400: TTL takes epoch seconds.
        // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html
        Assert.Equal("4102531200", item[HistoryTableSchema.ExpiresAtAttribute].N);
    }

    [Fact]
    public async Task TheHeadItemAtSeqZeroHoldsTheLatestSeqAndEpochAndNeverExpires()
    {
        var store = await CreateStoreAsync();
        var publishedAt = DynamoDbLocal.UnexpiringTime;
        await store.AppendAsync("alice", "1"u8.ToArray(), publishedAt);
        var second = await store.AppendAsync("alice", "2"u8.ToArray(), publishedAt.AddSeconds(1));

        var head = await GetItemAsync("alice", HistoryTableSchema.HeadSeq);

        Assert.Equal("2", head[HistoryTableSchema.LastSeqAttribute].N);
        Assert.Equal(second.Epoch, head[HistoryTableSchema.EpochAttribute].S);
        Assert.Equal("4102444801123", head[HistoryTableSchema.PublishedAtAttribute].N);
        Assert.False(head.ContainsKey(HistoryTableSchema.ExpiresAtAttribute));
    }

    [Fact]
    public async Task TheTableHasTheUserPartitionKeyTheNumericSeqSortKeyAndTtlOnExpiresAt()
    {
        await CreateStoreAsync();

        var table = (await dynamo.Client.DescribeTableAsync(tableName)).Table;
        var ttl = (await dynamo.Client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName })).TimeToLiveDescription;

        Assert.Equal(
            [(HistoryTableSchema.UserIdAttribute, "HASH"), (HistoryTableSchema.SeqAttribute, "RANGE")],
            table.KeySchema.Select(key => (key.AttributeName, key.KeyType.Value)));
        Assert.Equal("N", table.AttributeDefinitions.Single(definition => definition.AttributeName == HistoryTableSchema.SeqAttribute).AttributeType.Value);
        Assert.Equal(HistoryTableSchema.ExpiresAtAttribute, ttl.AttributeName);
        Assert.Equal("ENABLED", ttl.TimeToLiveStatus.Value);
    }

    private async Task<Dictionary<string, AttributeValue>> GetItemAsync(string userId, long seq) =>
        (await dynamo.Client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Key(userId, seq), ConsistentRead = true })).Item;

    private static Dictionary<string, AttributeValue> Key(string userId, long seq) => new()
    {
        [HistoryTableSchema.UserIdAttribute] = new AttributeValue { S = userId },
        [HistoryTableSchema.SeqAttribute] = new AttributeValue { N = seq.ToString() },
    };
}
