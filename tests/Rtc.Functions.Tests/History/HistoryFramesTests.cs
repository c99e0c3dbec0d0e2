namespace Rtc.Functions.Tests.History;

public sealed class HistoryFramesTests
{
    // Non-ASCII, an escaped quote and U+2028 as the publisher serialised them: the frames must not re-encode them.
    private const string Data = """{"text":"h\u00e9llo \"w\" é 😀","n":[1,2.5e3]}""";

    [Fact]
    public void AMessageWithHistoryCarriesItsSeqAndEpochAndTheDataAsPublished()
    {
        var frame = HistoryFrames.Message(Encoding.UTF8.GetBytes(Data), new HistoryPosition("E1", 42));

        Assert.Equal("""{"type":"message","seq":42,"epoch":"E1","data":""" + Data + "}", Encoding.UTF8.GetString(frame));
    }

    [Fact]
    public void AMessageWithoutHistoryCarriesOnlyTypeAndData()
    {
        var frame = HistoryFrames.Message(Encoding.UTF8.GetBytes("\"hello\""), null);

        Assert.Equal("""{"type":"message","data":"hello"}""", Encoding.UTF8.GetString(frame));
    }

    [Fact]
    public void AReplayListsEachMessageWithItsSeqAndTheDataAsPublished()
    {
        var frame = HistoryFrames.Replay("E1", [Stored(42, Data), Stored(43, "7")], more: true);

        Assert.Equal(
            """{"type":"replay","epoch":"E1","messages":[{"seq":42,"data":""" + Data + """},{"seq":43,"data":7}],"more":true}""",
            Encoding.UTF8.GetString(frame));
    }

    [Fact]
    public void ResetPositionAndInvalidResumeHaveTheProtocolShapesWithNullEpochsWritten()
    {
        Assert.Equal("""{"type":"reset","epoch":"E1","seq":60,"reason":"expired"}""", Text(HistoryFrames.Reset("E1", 60, ResetReason.Expired)));
        Assert.Equal("""{"type":"reset","epoch":null,"seq":0,"reason":"history_disabled"}""", Text(HistoryFrames.Reset(null, 0, ResetReason.HistoryDisabled)));
        Assert.Equal("""{"type":"position","epoch":"E1","seq":41}""", Text(HistoryFrames.Position("E1", 41)));
        Assert.Equal("""{"type":"position","epoch":null,"seq":0}""", Text(HistoryFrames.Position(null, 0)));
        Assert.Equal("""{"type":"error","error":"invalid_resume"}""", Text(HistoryFrames.InvalidResume()));
    }

    [Fact]
    public void TheLargestMessageDataFitsItsEnvelopeAndAReplayFrameOfItsOwnWithTheLongestSeqAndEpoch()
    {
        var epoch = new string('x', 16);
        var data = Encoding.UTF8.GetBytes($"\"{new string('a', HistoryFrames.MaxDataBytes - 2)}\"");

        var live = HistoryFrames.Message(data, new HistoryPosition(epoch, long.MaxValue));
        var replay = HistoryFrames.Replay(epoch, [new StoredMessage(long.MaxValue, epoch, data, default, default)], more: false);

        // The management API refuses a message over 128 KB; not a byte of the limit is wasted either.
        Assert.Equal(HistoryFrames.MaxFrameBytes, Math.Max(live.Length, replay.Length));
        Assert.Equal(130_966, HistoryFrames.MaxDataBytes); // as docs/history.md states it
    }

    [Fact]
    public void NewEpochsDifferAndAreSixteenCharactersThatJsonNeverEscapes()
    {
        var epochs = Enumerable.Range(0, 100).Select(_ => StreamEpoch.New()).ToList();

        // MaxDataBytes counts an epoch as 16 characters written as they are.
        Assert.Equal(100, epochs.Distinct().Count());
        Assert.All(epochs, epoch => Assert.Matches("^[A-Za-z0-9_-]{16}$", epoch));
    }

    [Fact]
    public void ReplayFrameSizesArePredictedExactly()
    {
        var messages = new[] { Stored(1, Data), Stored(22, "null"), Stored(333_333, "[1,2,3]") };

        var frame = HistoryFrames.Replay("E1", messages, more: false);

        Assert.Equal(
            HistoryFrames.EmptyReplayBytes("E1") + messages.Sum(HistoryFrames.ReplayItemBytes) + (messages.Length - 1),
            frame.Length);
    }

    private static StoredMessage Stored(long seq, string data) => new(seq, "E1", Encoding.UTF8.GetBytes(data), default, default);

    private static string Text(byte[] frame) => Encoding.UTF8.GetString(frame);
}
