using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Rtc.Contracts;

/// <summary>
/// How every JSON text the service writes is encoded: messages posted to clients, replies, function results and
/// errors, log lines, and the local gateway's answers. UTF-8 with only the escaping JSON requires (RFC 8259,
/// section 7): <c>"</c>, <c>\</c> and control characters below U+0020. The serializer's default encoder also
/// escapes every non-ASCII character and <c>&lt; &gt; &amp; ' +</c> as <c>\uXXXX</c>, which made messages two to six
/// times larger than the caller's and log lines hard to read raw; nothing here is embedded in HTML, so none of
/// that is needed.
/// </summary>
public static class JsonOutput
{
    /// <summary>The encoder: escapes <c>"</c>, <c>\</c> and U+0000 to U+001F, and writes every other character as itself.</summary>
    public static JavaScriptEncoder Encoder { get; } = new MinimalJsonEncoder();

    // Compact, with Encoder.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder };

    /// <summary>Whatever <paramref name="write"/> writes, as UTF-8 bytes.</summary>
    /// <param name="write">Writes the JSON.</param>
    /// <param name="expectedBytes">
    /// About how many bytes will be written, when known (a frame around large message data), so the buffer is not
    /// grown and copied on the way; 0 (default) lets it grow from its own small start.
    /// </param>
    public static byte[] Write(Action<Utf8JsonWriter> write, int expectedBytes = 0)
    {
        var buffer = expectedBytes > 0 ? new ArrayBufferWriter<byte>(expectedBytes) : new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] SerializeToUtf8Bytes<T>(T value, JsonTypeInfo<T> typeInfo) =>
        Write(writer => JsonSerializer.Serialize(writer, value, typeInfo));

    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo) =>
        Encoding.UTF8.GetString(SerializeToUtf8Bytes(value, typeInfo));

    /// <summary>
    /// Escapes only what JSON requires. Characters outside the Basic Multilingual Plane (emoji) pass through as
    /// themselves too, which the built-in relaxed encoder does not allow; a lone surrogate is invalid UTF-16 and
    /// is handed back for the writer to replace with U+FFFD.
    /// </summary>
    private sealed class MinimalJsonEncoder : JavaScriptEncoder
    {
        // The longest escape written: \uXXXX.
        public override int MaxOutputCharactersPerInputCharacter => 6;

        public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\';

        public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
        {
            var span = new ReadOnlySpan<char>(text, textLength);
            for (var index = 0; index < span.Length; index++)
            {
                var character = span[index];
                if (WillEncode(character) || char.IsLowSurrogate(character))
                {
                    return index;
                }

                if (char.IsHighSurrogate(character))
                {
                    if (index + 1 == span.Length || !char.IsLowSurrogate(span[index + 1]))
                    {
                        return index;
                    }

                    index++;
                }
            }

            return -1;
        }

        public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
        {
            var escaped = unicodeScalar switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < 0x20 => $"\\u{unicodeScalar:X4}",
                _ => char.ConvertFromUtf32(unicodeScalar),
            };
            if (escaped.Length > bufferLength)
            {
                numberOfCharactersWritten = 0;
                return false;
            }

            escaped.AsSpan().CopyTo(new Span<char>(buffer, bufferLength));
            numberOfCharactersWritten = escaped.Length;
            return true;
        }
    }
}
