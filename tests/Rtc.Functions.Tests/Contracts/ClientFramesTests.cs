using System.Text;
using Rtc.Contracts;
using Rtc.Functions.History;

namespace Rtc.Functions.Tests.Contracts;

public sealed class ClientFramesTests
{
    // Non-ASCII, an escaped quote and U+2028 as the publisher serialised them: the frames must not re-encode them.
    private const string Data = """{"text":"h\u00e9llo \"w\" é 😀","n":[1,2.5e3]}""";

    [Fact]
    public void AMessageWithHistoryCarriesItsSeqAndEpochAndTheDataAsPublished()
    {
        var frame = ClientFrames.Message(Encoding.UTF8.GetBytes(Data), "E1", 42);

        Assert.Equal("""{"type":"message","seq":42,"epoch":"E1","data":""" + Data + "}", Encoding.UTF8.GetString(frame));
    }

    [Fact]
    public void AMessageWithoutHistoryCarriesOnlyTypeAndData()
    {
        var frame = ClientFrames.Message(Encoding.UTF8.GetBytes("\"hello\""));

        Assert.Equal("""{"type":"message","data":"hello"}""", Encoding.UTF8.GetString(frame));
    }

    [Fact]
    public void AReplayListsEachMessageWithItsSeqAndTheDataAsPublished()
    {
        var frame = ClientFrames.Replay("E1", [Stored(42, Data), Stored(43, "7")], more: true);

        Assert.Equal(
            """{"type":"replay","epoch":"E1","messages":[{"seq":42,"data":""" + Data + """},{"seq":43,"data":7}],"more":true}""",
            Encoding.UTF8.GetString(frame));
    }

    [Fact]
    public void ResetPositionAndInvalidResumeHaveTheProtocolShapesWithNullEpochsWritten()
    {
        Assert.Equal("""{"type":"reset","epoch":"E1","seq":60,"reason":"expired"}""", Text(ClientFrames.Reset("E1", 60, ResetReason.Expired)));
        Assert.Equal("""{"type":"reset","epoch":null,"seq":0,"reason":"history_disabled"}""", Text(ClientFrames.Reset(null, 0, ResetReason.HistoryDisabled)));
        Assert.Equal("""{"type":"position","epoch":"E1","seq":41}""", Text(ClientFrames.Position("E1", 41)));
        Assert.Equal("""{"type":"position","epoch":null,"seq":0}""", Text(ClientFrames.Position(null, 0)));
        Assert.Equal("""{"type":"error","error":"invalid_resume"}""", Text(ClientFrames.Error(ErrorCode.InvalidResume)));
    }

    [Fact]
    public void TheLargestMessageDataFitsItsEnvelopeAndAReplayFrameOfItsOwnWithTheLongestSeqAndEpoch()
    {
        var epoch = new string('x', 16);
        var data = Encoding.UTF8.GetBytes($"\"{new string('a', ClientFrames.MaxPublishedDataBytes - 2)}\"");

        var live = ClientFrames.Message(data, epoch, long.MaxValue);
        var replay = ClientFrames.Replay(epoch, [new StoredMessage(long.MaxValue, epoch, data, default, default)], more: false);

        // The management API refuses a message over 128 KB; not a byte of the limit is wasted either.
        Assert.Equal(WebSocketQuotas.MaxMessageBytes, Math.Max(live.Length, replay.Length));
        Assert.Equal(130_966, ClientFrames.MaxPublishedDataBytes); // as docs/history.md states it
    }

    [Fact]
    public void NewEpochsDifferAndAreSixteenCharactersThatJsonNeverEscapes()
    {
        var epochs = Enumerable.Range(0, 100).Select(_ => StreamEpoch.New()).ToList();

        // MaxPublishedDataBytes counts an epoch as ClientFrames.EpochLength (16) characters written as they are.
        Assert.Equal(100, epochs.Distinct().Count());
        Assert.All(epochs, epoch => Assert.Matches("^[A-Za-z0-9_-]{16}$", epoch));
    }

    [Fact]
    public void ReplayFrameSizesArePredictedExactly()
    {
        var messages = new[] { Stored(1, Data), Stored(22, "null"), Stored(333_333, "[1,2,3]") };

        var frame = ClientFrames.Replay("E1", messages, more: false);

        Assert.Equal(
            ClientFrames.EmptyReplayBytes("E1") + messages.Sum(ClientFrames.ReplayItemBytes) + (messages.Length - 1),
            frame.Length);
    }

    private static StoredMessage Stored(long seq, string data) => new(seq, "E1", Encoding.UTF8.GetBytes(data), default, default);

    private static string Text(byte[] frame) => Encoding.UTF8.GetString(frame);
}
