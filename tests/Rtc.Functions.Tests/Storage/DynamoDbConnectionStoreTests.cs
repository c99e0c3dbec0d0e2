using Amazon.DynamoDBv2.Model;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;
using Rtc.Testing;

namespace Rtc.Functions.Tests.Storage;

[Collection(DynamoDbLocal.Collection)]
public sealed class DynamoDbConnectionStoreTests(DynamoDbLocal dynamo) : ConnectionStoreContract
{
    private string tableName = "";

    protected override async Task<IConnectionStore> CreateStoreAsync(int pageSize = 100)
    {
        tableName = await dynamo.CreateConnectionTableAsync();
        return new DynamoDbConnectionStore(dynamo.Client, tableName, pageSize);
    }

    [Fact]
    public async Task TheRowHoldsTheTableAttributesWithConnectionTimeInMillisecondsAndExpiryInSeconds()
    {
        var store = await CreateStoreAsync();
        var connectedAt = DynamoDbLocal.UnexpiringTime;
        await store.AddAsync(new Connection("conn-1=", "alice", connectedAt, connectedAt + ConnectionTableSchema.RowLifetime, "203.0.113.17", "Mozilla/5.0"));

        var item = await ReadRowAsync("conn-1=");

        Assert.Equal("alice", item[ConnectionTableSchema.UserIdAttribute].S);
        Assert.Equal("4102444800123", item[ConnectionTableSchema.ConnectedAtAttribute].N);
        Assert.Equal("4102452300", item[ConnectionTableSchema.ExpiresAtAttribute].N);
        Assert.Equal("203.0.113.17", item[ConnectionTableSchema.SourceIpAttribute].S);
        Assert.Equal("Mozilla/5.0", item[ConnectionTableSchema.UserAgentAttribute].S);
    }

    [Fact]
    public async Task ARowWithoutAddressOrUserAgentLeavesTheirAttributesOut()
    {
        var store = await CreateStoreAsync();
        var connectedAt = DynamoDbLocal.UnexpiringTime;
        await store.AddAsync(new Connection("conn-1=", "alice", connectedAt, connectedAt + ConnectionTableSchema.RowLifetime));

        var item = await ReadRowAsync("conn-1=");

        Assert.Equal(
            [ConnectionTableSchema.ConnectedAtAttribute, ConnectionTableSchema.ConnectionIdAttribute, ConnectionTableSchema.ExpiresAtAttribute, ConnectionTableSchema.UserIdAttribute],
            item.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CreatingFromAnEnvironmentWithoutTableNameFailsNamingTheVariable()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string?>());

        var error = Assert.Throws<InvalidOperationException>(() => DynamoDbConnectionStore.FromEnvironment(environment));

        Assert.Contains(EnvironmentVariables.TableName, error.Message);
    }

    private async Task<Dictionary<string, AttributeValue>> ReadRowAsync(string connectionId) =>
        (await dynamo.Client.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = new() { [ConnectionTableSchema.ConnectionIdAttribute] = new AttributeValue { S = connectionId } },
            ConsistentRead = true,
        })).Item;
}
