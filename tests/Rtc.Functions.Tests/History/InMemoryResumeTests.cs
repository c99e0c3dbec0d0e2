namespace Rtc.Functions.Tests.History;

public sealed class InMemoryResumeTests : ResumeScenarios
{
    protected override Task<IHistoryStore> CreateStoreAsync() =>
        Task.FromResult<IHistoryStore>(new InMemoryHistoryStore(TimeSpan.FromHours(24)));

    [Theory]
    [InlineData("""{"action":"resume"}""")]
    [InlineData("""{"action":"resume","epoch":"E1","after":41}""")]
    public async Task WithHistoryOffAWellFormedResumeGetsResetHistoryDisabled(string body)
    {
        var responder = new ResumeResponder(null, new FakeTimeProvider(DateTimeOffset.UnixEpoch));

        var answer = await responder.AnswerAsync("alice", body);

        Assert.Equal("""{"type":"reset","epoch":null,"seq":0,"reason":"history_disabled"}""", ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    [Fact]
    public async Task WithHistoryOffAMalformedResumeStillGetsInvalidResume()
    {
        var responder = new ResumeResponder(null, new FakeTimeProvider(DateTimeOffset.UnixEpoch));

        var answer = await responder.AnswerAsync("alice", """{"action":"resume","epoch":"E1"}""");

        Assert.Equal("invalid_resume", answer.Outcome);
    }
}
