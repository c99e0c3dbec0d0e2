using System.Text.Json.Nodes;

namespace Rtc.Functions.Tests.Contracts;

/// <summary>
/// client/test/server-frames.json holds every frame shape <see cref="ClientFrames"/> writes, as written; the
/// client's node test (client/test/server-frames.test.js) feeds each to the client's frame reader. This test fails
/// when the file is not what ClientFrames writes today; regenerate it with
/// <c>RTC_WRITE_SERVER_FRAMES=1 dotnet test tests/Rtc.Functions.Tests --filter ServerFrames</c>.
/// </summary>
public sealed class ServerFramesFixtureTests
{
    private const string FixturePath = "client/test/server-frames.json";
    private const string Epoch = "q8Zk3vYp0aR2mW7x";
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("""{"text":"héllo \"w\" 😀","n":[1,2.5e3]}""");

    [Fact]
    public void ServerFramesFixtureIsWhatClientFramesWrites()
    {
        var expected = Fixture();
        var path = RepositoryPaths.PathOf(FixturePath);
        if (Environment.GetEnvironmentVariable("RTC_WRITE_SERVER_FRAMES") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void ServerFramesFixtureHasEveryFrameTypeResetReasonAndErrorCode()
    {
        var frames = JsonNode.Parse(Fixture())!["frames"]!.AsArray().Select(entry => JsonNode.Parse((string)entry!["text"]!)!).ToList();

        Assert.Equal(["error", "message", "pong", "position", "replay", "reset", "session_ended"], frames.Select(frame => (string)frame["type"]!).Distinct().Order());
        Assert.Equal(ResetReason.All.Order(), frames.Where(frame => (string)frame["type"]! == "reset").Select(frame => (string)frame["reason"]!).Distinct().Order());
        Assert.Equal(ErrorCode.All.Order(), frames.Where(frame => (string)frame["type"]! == "error").Select(frame => (string)frame["error"]!).Distinct().Order());
    }

    private static string Fixture()
    {
        var frames = new List<(string Name, byte[] Frame)>
        {
            ("message, history off", ClientFrames.Message(Data)),
            ("message, history on", ClientFrames.Message(Data, Epoch, 42)),
            ("replay of two, more to come", ClientFrames.Replay(Epoch, [Stored(41, "null"), Stored(42, Encoding.UTF8.GetString(Data))], more: true)),
            ("replay, nothing missed", ClientFrames.Replay(Epoch, [], more: false)),
            ("replay, no stream yet", ClientFrames.Replay(null, [], more: false)),
            ("position", ClientFrames.Position(Epoch, 42)),
            ("position, no stream yet", ClientFrames.Position(null, 0)),
            ("pong", Encoding.UTF8.GetBytes(ClientFrames.Pong)),
            ("session_ended", ClientFrames.SessionEnded("signed out")),
        };
        frames.AddRange(ResetReason.All.Select(reason =>
            ($"reset, {reason}", reason == ResetReason.HistoryDisabled ? ClientFrames.Reset(null, 0, reason) : ClientFrames.Reset(Epoch, 42, reason))));
        frames.AddRange(ErrorCode.All.Select(code =>
            ($"error, {code}", code == ErrorCode.UnknownAction ? ClientFrames.Error(code, "subscribe") : ClientFrames.Error(code))));

        var fixture = new JsonObject
        {
            ["generatedBy"] = "tests/Rtc.Functions.Tests/Contracts/ServerFramesFixtureTests.cs from ClientFrames; do not edit",
            ["frames"] = new JsonArray([.. frames.Select(frame => new JsonObject { ["name"] = frame.Name, ["text"] = Encoding.UTF8.GetString(frame.Frame) })]),
        };
        return fixture.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JsonOutput.Encoder }) + "\n";
    }

    private static StoredMessage Stored(long seq, string data) => new(seq, Epoch, Encoding.UTF8.GetBytes(data), default, default);
}
