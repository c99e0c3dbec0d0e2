using System.Text;
using Rtc.Contracts;
using Rtc.Functions.History;

namespace Rtc.Functions.Tests.History;

public sealed class ResumePlannerTests
{
    private const string Epoch = "E1";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1795867547);
    private static readonly DateTimeOffset LongAgo = Now - TimeSpan.FromMinutes(5);

    [Fact]
    public void AResumeWithoutAPositionGetsTheStreamsPosition()
    {
        var answer = Plan(ResumeRequest.WithoutPosition, Head(41), []);

        Assert.Equal("position", answer.Outcome);
        Assert.Equal("""{"type":"position","epoch":"E1","seq":41}""", ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    [Fact]
    public void AResumeWithoutAPositionGetsNullAndZeroWhenTheUserHasNoStream()
    {
        var answer = Plan(ResumeRequest.WithoutPosition, null, []);

        Assert.Equal("""{"type":"position","epoch":null,"seq":0}""", ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    [Fact]
    public void ASameEpochResumeGetsExactlyTheMissedMessagesInOrderInOneFrameThatSaysNoMore()
    {
        var answer = Plan(From(Epoch, 41), Head(44), [Message(42, """{"text":"h\u00e9 é"}"""), Message(43, "\"x\""), Message(44, "[1]")]);

        Assert.Equal(("replayed", 3), (answer.Outcome, answer.Replayed));
        Assert.Equal(
            """{"type":"replay","epoch":"E1","messages":[{"seq":42,"data":{"text":"h\u00e9 é"}},{"seq":43,"data":"x"},{"seq":44,"data":[1]}],"more":false}""",
            ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    [Fact]
    public void AnUpToDateResumeGetsOneEmptyFrameThatSaysNoMore()
    {
        var answer = Plan(From(Epoch, 41), Head(41), []);

        Assert.Equal("""{"type":"replay","epoch":"E1","messages":[],"more":false}""", ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    [Fact]
    public void AResumeFromBeforeTheStreamExistedGetsTheWholeStream()
    {
        var answer = Plan(From(null, 0), Head(3), Messages(1, 3));

        AssertReplay(answer, [1, 2, 3], endsWithMore: false);
    }

    [Fact]
    public void AResumeFromBeforeAnyStreamWhileThereIsStillNoneGetsOneEmptyFrame()
    {
        var answer = Plan(From(null, 0), null, []);

        Assert.Equal("""{"type":"replay","epoch":null,"messages":[],"more":false}""", ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    [Fact]
    public void AnotherEpochGetsResetEpochChangedWithTheCurrentPosition()
    {
        var answer = Plan(From("E0", 41), Head(7), Messages(1, 7));

        Assert.Equal("epoch_changed", answer.Outcome);
        Assert.Equal("""{"type":"reset","epoch":"E1","seq":7,"reason":"epoch_changed"}""", ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    [Fact]
    public void AnEpochWhenTheUserHasNoStreamGetsResetEpochChangedWithNullAndZero()
    {
        var answer = Plan(From(Epoch, 41), null, []);

        Assert.Equal("""{"type":"reset","epoch":null,"seq":0,"reason":"epoch_changed"}""", ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    [Fact]
    public void APositionPastTheLatestGetsResetAhead()
    {
        var answer = Plan(From(Epoch, 45), Head(44), []);

        Assert.Equal("""{"type":"reset","epoch":"E1","seq":44,"reason":"ahead"}""", ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    [Fact]
    public void AnExpiredFirstMissedMessageGetsResetExpired()
    {
        // Retention has passed but TTL has not deleted the item yet: it must not be replayed.
        var answer = Plan(From(Epoch, 41), Head(44), [Message(42, expiresAt: Now), Message(43), Message(44)]);

        Assert.Equal("""{"type":"reset","epoch":"E1","seq":44,"reason":"expired"}""", ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    [Fact]
    public void AMissingFirstMissedMessageBeforeASettledLaterOneGetsResetExpired()
    {
        var answer = Plan(From(Epoch, 41), Head(60, Now), Messages(50, 60, LongAgo));

        Assert.Equal("expired", answer.Outcome);
        Assert.Equal("reset", ClientFrame.Read(Assert.Single(answer.Frames)).Type);
    }

    [Fact]
    public void AMissingFirstMissedMessageBeforeAnExpiredLaterOneGetsResetExpiredAtOnce()
    {
        // A short retention: 43 is recent but already expired, so 42, allocated before it, expired too.
        var answer = Plan(From(Epoch, 41), Head(44, Now), [Message(43, publishedAt: Now - TimeSpan.FromSeconds(2), expiresAt: Now), Message(44)]);

        Assert.Equal("""{"type":"reset","epoch":"E1","seq":44,"reason":"expired"}""", ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    [Fact]
    public void MissingMessagesWithNothingLaterAndAnOldHeadGetResetExpired()
    {
        var answer = Plan(From(Epoch, 41), Head(44, LongAgo), []);

        Assert.Equal("expired", answer.Outcome);
    }

    [Fact]
    public void AMessageStillBeingStoredGetsAnEmptyFrameThatSaysMore()
    {
        // The head already counts 42 but its item is not written yet: the client resumes again shortly.
        var answer = Plan(From(Epoch, 41), Head(42, Now - TimeSpan.FromSeconds(1)), []);

        Assert.Equal(("replayed", 0), (answer.Outcome, answer.Replayed));
        Assert.Equal("""{"type":"replay","epoch":"E1","messages":[],"more":true}""", ClientFrame.Text(Assert.Single(answer.Frames)));
    }

    [Fact]
    public void AMissingMessageBeforeARecentLaterOneIsTakenToBeStillBeingStored()
    {
        var answer = Plan(From(Epoch, 41), Head(44, Now), [Message(43, publishedAt: Now - TimeSpan.FromSeconds(2)), Message(44)]);

        AssertReplay(answer, [], endsWithMore: true);
    }

    [Fact]
    public void ALeftoverOfALostStreamIsNeverReplayed()
    {
        var answer = Plan(From(Epoch, 41), Head(43, Now), [Message(42, epoch: "E0"), Message(43, epoch: "E0")]);

        AssertReplay(answer, [], endsWithMore: true);
    }

    [Fact]
    public void AReplayStopsBeforeAGapAndSaysMore()
    {
        var answer = Plan(From(Epoch, 41), Head(45, Now), [Message(42), Message(43), Message(45, publishedAt: Now)]);

        AssertReplay(answer, [42, 43], endsWithMore: true);
    }

    [Fact]
    public void MoreThanAThousandMissedMessagesReplayTheFirstThousandThenSayMore()
    {
        var answer = Plan(From(Epoch, 0), Head(1200), Messages(1, 1200));

        Assert.Equal(ResumePlanner.MaxMessages, answer.Replayed);
        AssertReplay(answer, Enumerable.Range(1, 1000).Select(seq => (long)seq), endsWithMore: true);
    }

    [Fact]
    public void ExactlyAThousandMissedMessagesReplayInFullAndSayNoMore()
    {
        var answer = Plan(From(Epoch, 500), Head(1500), Messages(501, 1500));

        AssertReplay(answer, Enumerable.Range(501, 1000).Select(seq => (long)seq), endsWithMore: false);
    }

    [Fact]
    public void FramesStayWithin128KbAndEveryFrameButTheLastSaysMore()
    {
        var forty = new string('a', 40 * 1024);
        var answer = Plan(From(Epoch, 0), Head(10), Messages(1, 10, data: $"\"{forty}\""));

        var frames = AssertReplay(answer, Enumerable.Range(1, 10).Select(seq => (long)seq), endsWithMore: false);
        Assert.Equal([3, 3, 3, 1], frames.Select(frame => frame.Messages.Count));
    }

    [Fact]
    public void AMessageNear128KbGoesInAFrameOfItsOwn()
    {
        var big = $"\"{new string('b', ClientFrames.MaxPublishedDataBytes - 2)}\"";
        // Neighbours bigger than the slack the limit keeps for the longest epoch and seq, so none fits beside it.
        var neighbour = $"\"{new string('s', 100)}\"";
        var answer = Plan(From(Epoch, 0), Head(3), [Message(1, neighbour), Message(2, big), Message(3, neighbour)]);

        var frames = AssertReplay(answer, [1, 2, 3], endsWithMore: false);
        Assert.Equal([[1], [2], [3]], frames.Select(frame => frame.Messages.Select(message => message.Seq)));
        Assert.Equal(big, frames[1].Messages[0].Data);
    }

    [Fact]
    public void AResumeStopsOnceItHasReplayedItsByteBudgetAndSaysMore()
    {
        var hundredKb = $"\"{new string('c', 100 * 1024 - 2)}\"";
        var answer = Plan(From(Epoch, 0), Head(60), Messages(1, 60, data: hundredKb));

        // Forty messages hold 4,000 KB, under the 4 MiB budget, so a forty-first still goes; then the budget is spent.
        AssertReplay(answer, Enumerable.Range(1, 41).Select(seq => (long)seq), endsWithMore: true);
    }

    [Fact]
    public void TheRangeToReadIsTheMissedMessagesWithinTheResumeLimitsAndNothingWhenNoneIsMissed()
    {
        Assert.Equal(new HistoryRange(41, 60, ResumePlanner.MaxMessages, ResumePlanner.MaxReplayBytes), ResumePlanner.RangeToRead(From(Epoch, 41), Head(60)));
        Assert.Equal(new HistoryRange(0, 60, ResumePlanner.MaxMessages, ResumePlanner.MaxReplayBytes), ResumePlanner.RangeToRead(From(null, 0), Head(60)));
        Assert.Null(ResumePlanner.RangeToRead(From(Epoch, 60), Head(60)));
        Assert.Null(ResumePlanner.RangeToRead(From("E0", 41), Head(60)));
        Assert.Null(ResumePlanner.RangeToRead(From(Epoch, 41), null));
        Assert.Null(ResumePlanner.RangeToRead(ResumeRequest.WithoutPosition, Head(60)));
    }

    [Fact]
    public void WithHistoryOffEveryResumeGetsResetHistoryDisabledAndAMalformedOneAnError()
    {
        Assert.Equal("""{"type":"reset","epoch":null,"seq":0,"reason":"history_disabled"}""", ClientFrame.Text(Assert.Single(ResumePlanner.Disabled.Frames)));
        Assert.Equal("""{"type":"error","error":"invalid_resume"}""", ClientFrame.Text(Assert.Single(ResumePlanner.Invalid.Frames)));
        Assert.Equal(("history_disabled", "invalid_resume"), (ResumePlanner.Disabled.Outcome, ResumePlanner.Invalid.Outcome));
    }

    /// <summary>
    /// Checks the answer is replay frames of <see cref="Epoch"/>, each within the management API's 128 KB,
    /// holding exactly <paramref name="expected"/> in order; that every frame with messages but the last says
    /// more; and how the answer ends: with <c>"more":false</c>, or with an empty frame saying more.
    /// </summary>
    private static List<ClientFrame> AssertReplay(ResumeAnswer answer, IEnumerable<long> expected, bool endsWithMore)
    {
        var frames = answer.Frames.Select(ClientFrame.Read).ToList();
        Assert.All(frames, frame =>
        {
            Assert.Equal(("replay", Epoch), (frame.Type, frame.Epoch));
            Assert.InRange(frame.Bytes, 1, WebSocketQuotas.MaxMessageBytes);
        });
        Assert.Equal(expected, frames.SelectMany(frame => frame.Messages).Select(message => message.Seq));
        Assert.All(frames.SkipLast(1), frame => Assert.True(frame.More && frame.Messages.Count > 0));
        Assert.Equal(endsWithMore, frames[^1].More);
        if (endsWithMore)
        {
            Assert.Empty(frames[^1].Messages);
        }

        return frames.Where(frame => frame.Messages.Count > 0).ToList();
    }

    private static ResumeAnswer Plan(ResumeRequest request, HistoryHead? head, IReadOnlyList<StoredMessage> stored) =>
        ResumePlanner.Plan(request, head, stored, Now);

    private static ResumeRequest From(string? epoch, long after) => new(true, epoch, after);

    private static HistoryHead Head(long latest, DateTimeOffset? lastPublishedAt = null) => new(Epoch, latest, lastPublishedAt ?? LongAgo);

    private static StoredMessage Message(long seq, string? data = null, string epoch = Epoch, DateTimeOffset? publishedAt = null, DateTimeOffset? expiresAt = null) => new(
        seq,
        epoch,
        Encoding.UTF8.GetBytes(data ?? $$"""{"n":{{seq}}}"""),
        publishedAt ?? LongAgo,
        expiresAt ?? Now + TimeSpan.FromDays(1));

    private static List<StoredMessage> Messages(long from, long through, DateTimeOffset? publishedAt = null, string? data = null) =>
        [.. Enumerable.Range((int)from, (int)(through - from + 1)).Select(seq => Message(seq, data, publishedAt: publishedAt))];
}
