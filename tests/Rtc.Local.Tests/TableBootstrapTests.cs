using Rtc.Contracts;
using Rtc.Local.Hosting;
using Rtc.Testing;

namespace Rtc.Local.Tests;

[Collection(DynamoDbLocal.Collection)]
public sealed class TableBootstrapTests(DynamoDbLocal dynamo)
{
    [Fact]
    public async Task MissingConnectionTableIsCreatedWithTheStackSchemaAndTtl()
    {
        var name = $"gateway-{Guid.NewGuid():N}";

        Assert.True(await TableBootstrap.EnsureAsync(dynamo.Client, GatewayTable.Connections, name));

        var table = (await dynamo.Client.DescribeTableAsync(name)).Table;
        Assert.Equal(ConnectionTableSchema.ConnectionIdAttribute, Assert.Single(table.KeySchema).AttributeName);
        Assert.Equal(ConnectionTableSchema.UserIdIndex, Assert.Single(table.GlobalSecondaryIndexes).IndexName);
        var ttl = (await dynamo.Client.DescribeTimeToLiveAsync(name)).TimeToLiveDescription;
        Assert.Equal(ConnectionTableSchema.ExpiresAtAttribute, ttl.AttributeName);
    }

    [Fact]
    public async Task MissingHistoryTableIsCreatedWithTheStackSchemaAndTtl()
    {
        var name = $"gateway-history-{Guid.NewGuid():N}";

        Assert.True(await TableBootstrap.EnsureAsync(dynamo.Client, GatewayTable.History, name));

        var table = (await dynamo.Client.DescribeTableAsync(name)).Table;
        Assert.Equal(
            [(HistoryTableSchema.UserIdAttribute, "HASH"), (HistoryTableSchema.SeqAttribute, "RANGE")],
            table.KeySchema.Select(key => (key.AttributeName, key.KeyType.Value)));
        Assert.Null(table.GlobalSecondaryIndexes);
        var ttl = (await dynamo.Client.DescribeTimeToLiveAsync(name)).TimeToLiveDescription;
        Assert.Equal(HistoryTableSchema.ExpiresAtAttribute, ttl.AttributeName);
    }

    [Fact]
    public async Task ExistingTablesAreLeftAsTheyAre()
    {
        var connections = await dynamo.CreateConnectionTableAsync();
        var history = await dynamo.CreateHistoryTableAsync();

        Assert.False(await TableBootstrap.EnsureAsync(dynamo.Client, GatewayTable.Connections, connections));
        Assert.False(await TableBootstrap.EnsureAsync(dynamo.Client, GatewayTable.History, history));
    }

    [Fact]
    public async Task AConnectionTableWhereTheHistoryTableShouldBeIsRefusedNamingTheDifferenceAndTheFlag()
    {
        var connections = await dynamo.CreateConnectionTableAsync();

        var error = await Assert.ThrowsAsync<GatewayStartupException>(() => TableBootstrap.EnsureAsync(dynamo.Client, GatewayTable.History, connections));

        Assert.Contains("has the key schema [connection_id (S) HASH], not [user_id (S) HASH, seq (N) RANGE]", error.Message);
        Assert.Contains("--history-table", error.Message);
    }
}
