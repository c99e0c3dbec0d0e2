using System.Buffers.Text;
using System.Security.Cryptography;

namespace Rtc.Functions.History;

/// <summary>
/// Creates stream epochs: opaque, random strings. A new stream must never reuse an old stream's epoch, or a
/// client holding the old one would take numbers of the new stream for its own; 96 random bits make that
/// practically impossible without coordination.
/// </summary>
internal static class StreamEpoch
{
    /// <summary>Characters in every epoch this service creates (base64url of 12 bytes, no padding).</summary>
    public const int Length = 16;

    private const int RandomBytes = 12;

    /// <summary>A new epoch, e.g. <c>q8Zk3vYp0aR2mW7x</c>; its characters never need escaping in JSON.</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
}
