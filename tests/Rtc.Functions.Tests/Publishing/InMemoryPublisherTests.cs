using Rtc.Functions.Storage;

namespace Rtc.Functions.Tests.Publishing;

/// <summary>The publisher contract on the in-memory store.</summary>
public sealed class InMemoryPublisherTests : PublisherContractTests
{
    protected override Task<IConnectionStore> CreateStoreAsync() => Task.FromResult<IConnectionStore>(new InMemoryConnectionStore());
}
