namespace Rtc.Functions.Tests.Storage;

public sealed class InMemoryConnectionStoreTests : ConnectionStoreContract
{
    protected override Task<IConnectionStore> CreateStoreAsync(int pageSize = 100) =>
        Task.FromResult<IConnectionStore>(new InMemoryConnectionStore());
}
