namespace Rtc.Functions.Tests.History;

/// <summary>
/// Resume from a client's point of view, through <see cref="ResumeResponder"/> on a real store: what it
/// published is what it gets back. Each store's test class derives from this.
/// </summary>
public abstract class ResumeScenarios
{
    private readonly FakeTimeProvider clock = new(DynamoDbLocal.UnexpiringTime);

    /// <summary>A store with a 24-hour retention on a new, empty table.</summary>
    protected abstract Task<IHistoryStore> CreateStoreAsync();

    [Fact]
    public async Task AClientThatMissedFiftyMessagesGetsExactlyThoseInOrderOnce()
    {
        var store = await CreateStoreAsync();
        var responder = new ResumeResponder(store, clock);
        var lastSeen = (await PublishAsync(store, "alice", 3))[^1];
        var missed = await PublishAsync(store, "alice", 50);

        var answer = await responder.AnswerAsync("alice", Resume(lastSeen.Epoch, lastSeen.Seq));

        var frame = ClientFrame.Read(Assert.Single(answer.Frames));
        Assert.Equal(("replay", lastSeen.Epoch, false), (frame.Type, frame.Epoch, frame.More));
        Assert.Equal(missed.Select(position => (position.Seq, Body(position.Seq))), frame.Messages);
    }

    [Fact]
    public async Task AReplayHoldsOnlyTheResumingUsersMessages()
    {
        var store = await CreateStoreAsync();
        var responder = new ResumeResponder(store, clock);
        var first = (await PublishAsync(store, "alice", 1))[0];
        await PublishAsync(store, "bob", 5);
        await PublishAsync(store, "alice", 2);

        var answer = await responder.AnswerAsync("alice", Resume(first.Epoch, 1));

        Assert.Equal([2, 3], ClientFrame.Read(Assert.Single(answer.Frames)).Messages.Select(message => message.Seq));
    }

    [Fact]
    public async Task AFirstConnectionResumesFromTheBaselineItWasGiven()
    {
        var store = await CreateStoreAsync();
        var responder = new ResumeResponder(store, clock);
        await PublishAsync(store, "alice", 4);
        var baseline = ClientFrame.Read(Assert.Single((await responder.AnswerAsync("alice", """{"action":"resume"}""")).Frames));
        await PublishAsync(store, "alice", 2);

        var answer = await responder.AnswerAsync("alice", Resume(baseline.Epoch, baseline.Seq!.Value));

        Assert.Equal(("position", 4L), (baseline.Type, baseline.Seq!.Value));
        Assert.Equal([5, 6], ClientFrame.Read(Assert.Single(answer.Frames)).Messages.Select(message => message.Seq));
    }

    [Fact]
    public async Task AClientWhoseBaselineHadNoStreamGetsTheStreamCreatedWhileItWasAway()
    {
        var store = await CreateStoreAsync();
        var responder = new ResumeResponder(store, clock);
        var baseline = ClientFrame.Read(Assert.Single((await responder.AnswerAsync("alice", """{"action":"resume"}""")).Frames));
        var published = await PublishAsync(store, "alice", 2);

        var answer = await responder.AnswerAsync("alice", """{"action":"resume","epoch":null,"after":0}""");

        Assert.Equal((null, 0L), (baseline.Epoch, baseline.Seq!.Value));
        var frame = ClientFrame.Read(Assert.Single(answer.Frames));
        Assert.Equal(published[0].Epoch, frame.Epoch);
        Assert.Equal([1, 2], frame.Messages.Select(message => message.Seq));
    }

    // Without new messages since, and with one published after the client's had expired (no longer in memory).
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task AClientAwayLongerThanTheRetentionGetsResetExpired(int publishedSince)
    {
        var store = await CreateStoreAsync();
        var responder = new ResumeResponder(store, clock);
        var lastSeen = (await PublishAsync(store, "alice", 1))[0];
        await PublishAsync(store, "alice", 3);
        clock.Advance(TimeSpan.FromHours(24));
        await PublishAsync(store, "alice", publishedSince);

        var answer = await responder.AnswerAsync("alice", Resume(lastSeen.Epoch, 1));

        Assert.Equal($$"""{"type":"reset","epoch":"{{lastSeen.Epoch}}","seq":{{4 + publishedSince}},"reason":"expired"}""",
            ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    [Fact]
    public async Task AMalformedResumeGetsInvalidResume()
    {
        var responder = new ResumeResponder(await CreateStoreAsync(), clock);

        var answer = await responder.AnswerAsync("alice", """{"action":"resume","epoch":"E1","after":-1}""");

        Assert.Equal("""{"type":"error","error":"invalid_resume"}""", ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    private async Task<List<HistoryPosition>> PublishAsync(IHistoryStore store, string userId, int count)
    {
        var positions = new List<HistoryPosition>();
        for (var n = 0; n < count; n++)
        {
            var head = await store.GetHeadAsync(userId);
            positions.Add(await store.AppendAsync(userId, Encoding.UTF8.GetBytes(Body((head?.LatestSeq ?? 0) + 1)), clock.GetUtcNow()));
        }

        return positions;
    }

    private static string Body(long seq) => $$"""{"text":"message {{seq}} é"}""";

    private static string Resume(string? epoch, long after) =>
        $$"""{"action":"resume","epoch":{{(epoch is null ? "null" : $"\"{epoch}\"")}},"after":{{after}}}""";
}
