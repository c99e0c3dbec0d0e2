using Rtc.Contracts;
using Rtc.Testing;

namespace Rtc.Functions.Tests.Support;

[Collection(DynamoDbLocal.Collection)]
public sealed class DynamoDbLocalSmokeTests(DynamoDbLocal dynamo)
{
    [Fact]
    public async Task CreatedTableHasTheStackKeySchemaAndKeysOnlyIndex()
    {
        var name = await dynamo.CreateConnectionTableAsync();

        var table = (await dynamo.Client.DescribeTableAsync(name)).Table;

        Assert.Equal(ConnectionTableSchema.ConnectionIdAttribute, Assert.Single(table.KeySchema).AttributeName);
        var index = Assert.Single(table.GlobalSecondaryIndexes);
        Assert.Equal(ConnectionTableSchema.UserIdIndex, index.IndexName);
        Assert.Equal("KEYS_ONLY", index.Projection.ProjectionType.Value);
    }
}
