namespace Rtc.Local.WebSockets;

/// <summary>
/// RFC 6455's checks on an opening handshake, made before the authorizer or <c>$connect</c> runs, so a client
/// that does not speak WebSocket version 13 gets the answer the RFC prescribes rather than a generic refusal.
/// </summary>
internal static class WebSocketHandshake
{
    // RFC 6455 section 4.1: the key is a base64-encoded random 16-byte value.
    private const int KeyBytes = 16;

    /// <summary>Whether <paramref name="request"/> asks to upgrade to WebSocket (<c>Upgrade: websocket</c>), valid or not.</summary>
    public static bool IsAttempt(HttpRequest request) => HasToken(request.Headers.Upgrade, "websocket");

    /// <summary>Why the handshake in <paramref name="request"/> must be refused; null when it is a valid version 13 handshake.</summary>
    public static HandshakeRefusal? Check(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) || !HasToken(request.Headers.Connection, "upgrade"))
        {
            return HandshakeRefusal.BadRequest("A WebSocket handshake is a GET with 'Connection: Upgrade' and 'Upgrade: websocket'.");
        }

        if (request.Headers.SecWebSocketVersion.ToString().Trim() != HandshakeRefusal.SupportedVersion)
        {
            return HandshakeRefusal.UnsupportedVersion;
        }

        Span<byte> key = stackalloc byte[KeyBytes + 1];
        return Convert.TryFromBase64String(request.Headers.SecWebSocketKey.ToString().Trim(), key, out var length) && length == KeyBytes
            ? null
            : HandshakeRefusal.BadRequest("Sec-WebSocket-Key must be the base64 encoding of 16 bytes.");
    }

    // Connection and Upgrade are comma-separated token lists, compared without case.
    private static bool HasToken(string? header, string token) =>
        (header ?? "").Split(',', StringSplitOptions.TrimEntries).Contains(token, StringComparer.OrdinalIgnoreCase);
}
