namespace Rtc.Functions.Tests.History;

/// <summary>The resume scenarios on DynamoDB Local, with 7-item Query pages.</summary>
[Collection(DynamoDbLocal.Collection)]
public sealed class DynamoDbResumeTests(DynamoDbLocal dynamo) : ResumeScenarios
{
    protected override async Task<IHistoryStore> CreateStoreAsync() =>
        new DynamoDbHistoryStore(dynamo.Client, await dynamo.CreateHistoryTableAsync(), TimeSpan.FromHours(24), queryPageSize: 7);
}
