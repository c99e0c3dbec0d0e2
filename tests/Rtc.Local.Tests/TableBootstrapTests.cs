using Rtc.Functions.Storage;
using Rtc.Local.Hosting;
using Rtc.Testing;

namespace Rtc.Local.Tests;

[Collection(DynamoDbLocal.Collection)]
public sealed class ConnectionTableBootstrapTests(DynamoDbLocal dynamo)
{
    [Fact]
    public async Task MissingTableIsCreatedWithTheStackSchemaAndTtl()
    {
        var name = $"gateway-{Guid.NewGuid():N}";

        Assert.True(await ConnectionTableBootstrap.EnsureAsync(dynamo.Client, name));

        var table = (await dynamo.Client.DescribeTableAsync(name)).Table;
        Assert.Equal(ConnectionTableSchema.ConnectionIdAttribute, Assert.Single(table.KeySchema).AttributeName);
        Assert.Equal(ConnectionTableSchema.UserIdIndex, Assert.Single(table.GlobalSecondaryIndexes).IndexName);
        var ttl = (await dynamo.Client.DescribeTimeToLiveAsync(name)).TimeToLiveDescription;
        Assert.Equal(ConnectionTableSchema.ExpiresAtAttribute, ttl.AttributeName);
    }

    [Fact]
    public async Task ExistingTableIsLeftAsItIs()
    {
        var name = await dynamo.CreateConnectionTableAsync();

        Assert.False(await ConnectionTableBootstrap.EnsureAsync(dynamo.Client, name));
    }
}
