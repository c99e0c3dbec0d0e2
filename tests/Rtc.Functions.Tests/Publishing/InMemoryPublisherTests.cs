namespace Rtc.Functions.Tests.Publishing;

/// <summary>The publisher contract on the in-memory stores.</summary>
public sealed class InMemoryPublisherTests : PublisherContractTests
{
    protected override Task<IConnectionStore> CreateStoreAsync() => Task.FromResult<IConnectionStore>(new InMemoryConnectionStore());

    protected override Task<IHistoryStore> CreateHistoryStoreAsync() => Task.FromResult<IHistoryStore>(new InMemoryHistoryStore(TimeSpan.FromHours(24)));
}
