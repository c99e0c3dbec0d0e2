namespace Rtc.Functions.Tests.History;

/// <summary>A frame as a client reads it.</summary>
/// <param name="Type">The <c>type</c> field.</param>
/// <param name="Epoch">The <c>epoch</c> field (null when null or absent).</param>
/// <param name="Seq">The <c>seq</c> field, if present.</param>
/// <param name="Reason">A reset's <c>reason</c>.</param>
/// <param name="Error">An error's <c>error</c>.</param>
/// <param name="Messages">A replay's messages: each <c>seq</c> and the raw JSON text of its <c>data</c>.</param>
/// <param name="More">A replay's <c>more</c>.</param>
/// <param name="Bytes">The frame's size.</param>
/// <param name="Data">A live message's <c>data</c>, as raw JSON text; null for other frames.</param>
internal sealed record ClientFrame(
    string Type, string? Epoch, long? Seq, string? Reason, string? Error, IReadOnlyList<(long Seq, string Data)> Messages, bool More, int Bytes,
    string? Data = null)
{
    public static ClientFrame Read(byte[] frame)
    {
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var messages = root.TryGetProperty("messages", out var list)
            ? list.EnumerateArray().Select(item => (item.GetProperty("seq").GetInt64(), item.GetProperty("data").GetRawText())).ToList()
            : [];
        return new ClientFrame(
            Text("type")!,
            Text("epoch"),
            root.TryGetProperty("seq", out var seq) ? seq.GetInt64() : null,
            Text("reason"),
            Text("error"),
            messages,
            root.TryGetProperty("more", out var more) && more.GetBoolean(),
            frame.Length,
            root.TryGetProperty("data", out var data) ? data.GetRawText() : null);
    }

    public static string Text(byte[] frame) => Encoding.UTF8.GetString(frame);
}
