namespace Rtc.Functions.Tests.Publishing;

/// <summary>The publisher contract on DynamoDB Local, with 2-item Query pages.</summary>
[Collection(DynamoDbLocal.Collection)]
public sealed class DynamoDbPublisherTests(DynamoDbLocal dynamo) : PublisherContractTests
{
    protected override async Task<IConnectionStore> CreateStoreAsync() =>
        new DynamoDbConnectionStore(dynamo.Client, await dynamo.CreateConnectionTableAsync(), queryPageSize: 2);

    protected override async Task<IHistoryStore> CreateHistoryStoreAsync() =>
        new DynamoDbHistoryStore(dynamo.Client, await dynamo.CreateHistoryTableAsync(), TimeSpan.FromHours(24), queryPageSize: 2);
}
