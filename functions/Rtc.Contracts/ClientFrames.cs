using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rtc.Contracts;

/// <summary>
/// Every frame a client receives, written in one place: the live <c>message</c>, the <c>replay</c>, <c>reset</c>
/// and <c>position</c> answers to a resume, the <c>error</c> replies and the heartbeat's <c>pong</c>. Message data
/// is written as the raw JSON the publisher serialised, never re-encoded, so a live message and its replay carry
/// the same bytes. The browser client's frame reader is tested against every shape written here
/// (client/test/server-frames.json).
/// </summary>
public static class ClientFrames
{
    /// <summary>Characters of a stream's epoch, written as they are (base64url needs no JSON escapes).</summary>
    public const int EpochLength = 16;

    /// <summary>
    /// The heartbeat's answer, sent by API Gateway's MOCK integration (and the local gateway) to <c>ping</c>, so no
    /// function runs for it.
    /// </summary>
    public const string Pong = """{"type":"pong"}""";

    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText SeqName = JsonEncodedText.Encode("seq");
    private static readonly JsonEncodedText EpochName = JsonEncodedText.Encode("epoch");
    private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText MessagesName = JsonEncodedText.Encode("messages");
    private static readonly JsonEncodedText MoreName = JsonEncodedText.Encode("more");
    private static readonly JsonEncodedText MessageType = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText ReplayType = JsonEncodedText.Encode("replay");

    // {"seq":,"data":} around a replayed message's digits and data.
    private const int ReplayItemFraming = 16;

    /// <summary>
    /// The largest published message data (130,966 bytes): what fits both its live envelope and a replay frame of
    /// its own within <see cref="WebSocketQuotas.MaxMessageBytes"/>, whatever its sequence number and epoch.
    /// </summary>
    public static int MaxPublishedDataBytes { get; } = WebSocketQuotas.MaxMessageBytes - Math.Max(
        Message("0"u8.ToArray(), new string('x', EpochLength), long.MaxValue).Length - 1,
        EmptyReplayBytes(new string('x', EpochLength)) + ReplayItemFraming + Digits(long.MaxValue));

    /// <summary>The live envelope when history is off: <c>{"type":"message","data":...}</c>.</summary>
    /// <param name="data">The serialised message, written as is.</param>
    public static byte[] Message(ReadOnlyMemory<byte> data) => Write(data.Length, writer =>
    {
        writer.WriteString(TypeName, MessageType);
        writer.WritePropertyName(DataName);
        WriteData(writer, data.Span);
    });

    /// <summary>The live envelope: <c>{"type":"message","seq":42,"epoch":"E","data":...}</c>.</summary>
    /// <param name="data">The serialised message, written as is.</param>
    /// <param name="epoch">The epoch of the user's stream.</param>
    /// <param name="seq">Where the message went in that stream.</param>
    public static byte[] Message(ReadOnlyMemory<byte> data, string epoch, long seq) => Write(data.Length, writer =>
    {
        writer.WriteString(TypeName, MessageType);
        writer.WriteNumber(SeqName, seq);
        writer.WriteString(EpochName, epoch);
        writer.WritePropertyName(DataName);
        WriteData(writer, data.Span);
    });

    /// <summary>
    /// <c>{"type":"replay","epoch":"E","messages":[{"seq":42,"data":...}, ...],"more":true|false}</c>; the epoch
    /// is null only when the user has no stream yet.
    /// </summary>
    public static byte[] Replay(string? epoch, IReadOnlyList<IReplayedMessage> messages, bool more) =>
        Write(messages.Sum(message => message.Data.Length), writer =>
        {
            writer.WriteString(TypeName, ReplayType);
            writer.WriteString(EpochName, epoch);
            writer.WriteStartArray(MessagesName);
            foreach (var message in messages)
            {
                writer.WriteStartObject();
                writer.WriteNumber(SeqName, message.Seq);
                writer.WritePropertyName(DataName);
                WriteData(writer, message.Data);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteBoolean(MoreName, more);
        });

    /// <summary><c>{"type":"reset","epoch":"E"|null,"seq":N,"reason":R}</c>, R one of <see cref="ResetReason"/>.</summary>
    public static byte[] Reset(string? epoch, long seq, string reason) =>
        JsonOutput.SerializeToUtf8Bytes(new ResetFrame(epoch, seq, reason), ClientFramesJsonContext.Default.ResetFrame);

    /// <summary><c>{"type":"position","epoch":"E"|null,"seq":N}</c>: the stream's current position.</summary>
    public static byte[] Position(string? epoch, long seq) =>
        JsonOutput.SerializeToUtf8Bytes(new PositionFrame(epoch, seq), ClientFramesJsonContext.Default.PositionFrame);

    /// <summary>
    /// <c>{"type":"error","error":E}</c>, or with <paramref name="action"/> <c>{"type":"error","error":E,"action":A}</c>;
    /// E one of <see cref="ErrorCode"/>.
    /// </summary>
    public static byte[] Error(string error, string? action = null) =>
        JsonOutput.SerializeToUtf8Bytes(new ErrorFrame(error, action), ClientFramesJsonContext.Default.ErrorFrame);

    /// <summary>
    /// <c>{"type":"session_ended","reason":R}</c>: the publisher is about to close this connection because a backend
    /// ended its user's sessions (a disconnect request); R is the request's reason, as given.
    /// </summary>
    public static byte[] SessionEnded(string reason) =>
        JsonOutput.SerializeToUtf8Bytes(new SessionEndedFrame(reason), ClientFramesJsonContext.Default.SessionEndedFrame);

    /// <summary>Bytes of a replay frame for <paramref name="epoch"/> holding no messages (with <c>"more":false</c>, the longer).</summary>
    public static int EmptyReplayBytes(string? epoch) => Replay(epoch, [], more: false).Length;

    /// <summary>Bytes <paramref name="message"/> adds to a replay frame, not counting the comma before it.</summary>
    public static int ReplayItemBytes(IReplayedMessage message) => ReplayItemFraming + Digits(message.Seq) + message.Data.Length;

    private static int Digits(long value) => value.ToString(CultureInfo.InvariantCulture).Length;

    // The data is the publisher's own compact serialisation (or that, read back from the history table), so it
    // is valid JSON already; validating it again per connection would only cost time.
    private static void WriteData(Utf8JsonWriter writer, ReadOnlySpan<byte> data) => writer.WriteRawValue(data, skipInputValidation: true);

    private static byte[] Write(int dataBytes, Action<Utf8JsonWriter> writeProperties) => JsonOutput.Write(writer =>
    {
        writer.WriteStartObject();
        writeProperties(writer);
        writer.WriteEndObject();
    }, dataBytes + 128);
}

/// <summary>A message as a <c>replay</c> frame carries it.</summary>
public interface IReplayedMessage
{
    /// <summary>Its sequence number in the stream.</summary>
    long Seq { get; }

    /// <summary>The message as published (UTF-8 JSON), written as is.</summary>
    byte[] Data { get; }
}

/// <summary>Why a resume could not replay: the <c>reason</c> of a <c>reset</c> frame.</summary>
public static class ResetReason
{
    /// <summary>The client's epoch is not the stream's (the stream was lost, or the client's is from elsewhere).</summary>
    public const string EpochChanged = "epoch_changed";

    /// <summary>Messages the client needs are no longer retained.</summary>
    public const string Expired = "expired";

    /// <summary>The client's <c>after</c> is past the stream's latest sequence number.</summary>
    public const string Ahead = "ahead";

    /// <summary>The service keeps no history.</summary>
    public const string HistoryDisabled = "history_disabled";

    /// <summary>Every reason, as the client must know them.</summary>
    public static readonly IReadOnlyList<string> All = [EpochChanged, Expired, Ahead, HistoryDisabled];
}

/// <summary>What was wrong with a client's message: the <c>error</c> of an <c>error</c> frame.</summary>
public static class ErrorCode
{
    /// <summary>The frame was not a JSON object.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>The frame's <c>action</c> names no route; the frame echoes the action.</summary>
    public const string UnknownAction = "unknown_action";

    /// <summary>The resume request was malformed.</summary>
    public const string InvalidResume = "invalid_resume";

    /// <summary>Every code, as the client must know them.</summary>
    public static readonly IReadOnlyList<string> All = [InvalidJson, UnknownAction, InvalidResume];
}

internal sealed record ResetFrame(
    [property: JsonPropertyName("epoch")] string? Epoch,
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("reason")] string Reason)
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "reset";
}

internal sealed record PositionFrame(
    [property: JsonPropertyName("epoch")] string? Epoch,
    [property: JsonPropertyName("seq")] long Seq)
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "position";
}

internal sealed record ErrorFrame(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("action"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Action)
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "error";
}

internal sealed record SessionEndedFrame([property: JsonPropertyName("reason")] string Reason)
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "session_ended";
}

[JsonSerializable(typeof(SessionEndedFrame))]
[JsonSerializable(typeof(ResetFrame))]
[JsonSerializable(typeof(PositionFrame))]
[JsonSerializable(typeof(ErrorFrame))]
internal sealed partial class ClientFramesJsonContext : JsonSerializerContext;
