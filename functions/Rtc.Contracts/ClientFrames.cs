using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rtc.Functions.Connections;
using Rtc.Functions.Contracts;
using Rtc.Functions.Management;

namespace Rtc.Functions.History;

/// <summary>
/// The frames the service sends about messages and history, written in one place: the live
/// <c>message</c> envelope and the <c>replay</c>, <c>reset</c> and <c>position</c> answers to a resume.
/// Message data is written as the raw JSON the publisher serialised, never re-encoded, so a live message and
/// its replay carry the same bytes.
/// </summary>
public static class HistoryFrames
{
    /// <summary>The largest frame the management API posts (128 KB).</summary>
    public const int MaxFrameBytes = IManagementApi.MaxPostBytes;

    /// <summary>The <c>error</c> a malformed resume request gets.</summary>
    public const string InvalidResumeError = "invalid_resume";

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
    /// The largest message data that fits both its live envelope and a replay frame of its own, whatever its
    /// sequence number and epoch: the publisher's limit once messages are enveloped.
    /// </summary>
    public static int MaxDataBytes { get; } = MaxFrameBytes - Math.Max(
        Message("0"u8.ToArray(), new HistoryPosition(new string('x', StreamEpoch.Length), long.MaxValue)).Length - 1,
        EmptyReplayBytes(new string('x', StreamEpoch.Length)) + ReplayItemFraming + Digits(long.MaxValue));

    /// <summary>
    /// The live envelope: <c>{"type":"message","seq":42,"epoch":"E","data":...}</c>, or without history
    /// (<paramref name="position"/> null) <c>{"type":"message","data":...}</c>.
    /// </summary>
    /// <param name="data">The serialised message, written as is.</param>
    /// <param name="position">Where the message went in the user's stream; null when history is off.</param>
    public static byte[] Message(ReadOnlyMemory<byte> data, HistoryPosition? position) => Write(data.Length, writer =>
    {
        writer.WriteString(TypeName, MessageType);
        if (position is not null)
        {
            writer.WriteNumber(SeqName, position.Seq);
            writer.WriteString(EpochName, position.Epoch);
        }

        writer.WritePropertyName(DataName);
        WriteData(writer, data.Span);
    });

    /// <summary>
    /// <c>{"type":"replay","epoch":"E","messages":[{"seq":42,"data":...}, ...],"more":true|false}</c>; the epoch
    /// is null only when the user has no stream yet.
    /// </summary>
    public static byte[] Replay(string? epoch, IReadOnlyList<StoredMessage> messages, bool more) =>
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
        JsonOutput.SerializeToUtf8Bytes(new ResetFrame(epoch, seq, reason), HistoryJsonContext.Default.ResetFrame);

    /// <summary><c>{"type":"position","epoch":"E"|null,"seq":N}</c>: the stream's current position.</summary>
    public static byte[] Position(string? epoch, long seq) =>
        JsonOutput.SerializeToUtf8Bytes(new PositionFrame(epoch, seq), HistoryJsonContext.Default.PositionFrame);

    /// <summary><c>{"type":"error","error":"invalid_resume"}</c>: the resume request was malformed.</summary>
    public static byte[] InvalidResume() =>
        JsonOutput.SerializeToUtf8Bytes(new ClientReply("error", InvalidResumeError), ConnectionsJsonContext.Default.ClientReply);

    /// <summary>Bytes of a replay frame for <paramref name="epoch"/> holding no messages (with <c>"more":false</c>, the longer).</summary>
    internal static int EmptyReplayBytes(string? epoch) => Replay(epoch, [], more: false).Length;

    /// <summary>Bytes <paramref name="message"/> adds to a replay frame, not counting the comma before it.</summary>
    internal static int ReplayItemBytes(StoredMessage message) => ReplayItemFraming + Digits(message.Seq) + message.Data.Length;

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
}

/// <summary>The <c>reset</c> frame.</summary>
internal sealed record ResetFrame(
    [property: JsonPropertyName("epoch")] string? Epoch,
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("reason")] string Reason)
{
    /// <summary>Always <c>reset</c>; written first.</summary>
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "reset";
}

/// <summary>The <c>position</c> frame.</summary>
internal sealed record PositionFrame(
    [property: JsonPropertyName("epoch")] string? Epoch,
    [property: JsonPropertyName("seq")] long Seq)
{
    /// <summary>Always <c>position</c>; written first.</summary>
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "position";
}

/// <summary>Source-generated JSON for the history frames that are plain records.</summary>
[JsonSerializable(typeof(ResetFrame))]
[JsonSerializable(typeof(PositionFrame))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
