using System.Text;
using System.Text.Json;

namespace Rtc.Local.Http;

/// <summary>Reads a request body whole, refusing one over a limit without buffering it all, and reads it as JSON text.</summary>
internal static class RequestBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken = default)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// <paramref name="body"/> as text when it is UTF-8 JSON; null otherwise: bytes that are not UTF-8 are refused
    /// rather than decoded to replacement characters.
    /// </summary>
    public static string? JsonText(byte[] body)
    {
        try
        {
            var text = StrictUtf8.GetString(body);
            using var document = JsonDocument.Parse(text);
            return text;
        }
        catch (Exception exception) when (exception is DecoderFallbackException or JsonException)
        {
            return null;
        }
    }
}
