using Rtc.Functions.Storage;
using Rtc.Local.Tests.Support;
using Rtc.Testing;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

[Collection(DynamoDbLocal.Collection)]
public sealed class DynamoDbEndToEndTests(DynamoDbLocal dynamo)
{
    [Fact]
    public async Task WithADynamoDbEndpointTheTableIsCreatedAndConnectionsLiveInIt()
    {
        var table = $"gateway-e2e-{Guid.NewGuid():N}";
        var options = TestGateway.Options with { DynamoDbEndpoint = new Uri(dynamo.Endpoint), TableName = table };
        await using var real = await RealGateway.StartAsync(options);

        using var alice = await EndToEndTests.ConnectAsync(real, "?user_id=alice");
        var connectionId = Assert.Single(await EndToEndTests.WaitForRowsAsync(real, "alice", 1));
        var result = await EndToEndTests.PublishAsync(real, """{"userId":"alice","message":"stored in DynamoDB"}""");

        Assert.Equal(1, result.GetProperty("delivered").GetInt32());
        Assert.Equal("\"stored in DynamoDB\"", await alice.ReceiveTextAsync());
        Assert.Equal([connectionId], await new DynamoDbConnectionStore(dynamo.Client, table).ListConnectionIdsAsync("alice"));
    }
}
