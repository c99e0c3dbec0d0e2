namespace Rtc.Functions.Tests.Publishing;

/// <summary>With history off (<c>RTC_HISTORY_TABLE</c> unset) messages still go out in the envelope, without a position.</summary>
public sealed class PublisherWithoutHistoryTests : IAsyncLifetime
{
    private PublisherHarness harness = null!;

    public async Task InitializeAsync() => harness = await PublisherHarness.StartAsync(new InMemoryConnectionStore(), history: null);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task EveryConnectionGetsTheEnvelopeWithoutSeqOrEpochAndNothingIsStored()
    {
        await harness.ConnectAsync("alice", "alice-1=", "alice-2=");
        await harness.ConnectAsync("bob", "bob-1=");

        var result = await harness.PublishAsync("""{"userIds":["alice","bob"],"message":{"text":"€ <b>"}}""");

        Assert.Equal((2, 0, 3, 3), (result.Users, result.Stored, result.Connections, result.Delivered));
        foreach (var connectionId in new[] { "alice-1=", "alice-2=", "bob-1=" })
        {
            Assert.Equal("""{"type":"message","data":{"text":"€ <b>"}}""", Encoding.UTF8.GetString(Assert.Single(harness.Stub.MessagesFor(connectionId))));
        }
    }

    [Fact]
    public async Task TheLargestMessageFitsTheManagementApisLimitInItsEnvelope()
    {
        await harness.ConnectAsync("alice", "alice-1=");

        var result = await harness.PublishAsync($$"""{"userId":"alice","message":"{{new string('x', 130_964)}}"}""");

        Assert.Equal(1, result.Delivered);
        Assert.InRange(Assert.Single(harness.Stub.MessagesFor("alice-1=")).Length, 130_966, 131_072);
    }
}
