using System.Text;
using Rtc.Functions.History;
using Rtc.Functions.Storage;
using Rtc.Testing;
using Rtc.Testing.Gateway;
using Rtc.Local.Tests.Support;

namespace Rtc.Local.Tests;

[Collection(DynamoDbLocal.Collection)]
public sealed class DynamoDbEndToEndTests(DynamoDbLocal dynamo)
{
    [Fact]
    public async Task WithADynamoDbEndpointTheTablesAreCreatedAndConnectionsAndHistoryLiveInThem()
    {
        var table = $"gateway-e2e-{Guid.NewGuid():N}";
        var options = TestGateway.Options with
        {
            DynamoDbEndpoint = new Uri(dynamo.Endpoint), TableName = table, HistoryTableName = table + "-history",
        };
        await using var real = await RealGateway.StartAsync(options);

        using var alice = await EndToEndTests.ConnectAsync(real, "?user_id=alice");
        var connectionId = Assert.Single(await EndToEndTests.WaitForRowsAsync(real, "alice", 1));
        var result = await EndToEndTests.PublishAsync(real, """{"userId":"alice","message":"stored in DynamoDB"}""");

        Assert.Equal(1, result.GetProperty("delivered").GetInt32());
        Assert.Equal("\"stored in DynamoDB\"", await alice.ReceiveDataAsync());
        Assert.Equal([connectionId], await new DynamoDbConnectionStore(dynamo.Client, table).ListConnectionIdsAsync("alice"));
        var history = new DynamoDbHistoryStore(dynamo.Client, options.HistoryTableName, TimeSpan.FromDays(1));
        var stored = Assert.Single(await history.ReadRangeAsync("alice", new HistoryRange(0, 1, 10, 1024)));
        Assert.Equal("\"stored in DynamoDB\"", Encoding.UTF8.GetString(stored.Data));
    }
}
