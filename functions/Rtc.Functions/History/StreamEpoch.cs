using System.Buffers.Text;
using System.Security.Cryptography;

using Rtc.Contracts;

namespace Rtc.Functions.History;

/// <summary>
/// Creates stream epochs: opaque, random strings. A new stream must never reuse an old stream's epoch, or a
/// client holding the old one would take numbers of the new stream for its own; 96 random bits make that
/// practically impossible without coordination.
/// </summary>
internal static class StreamEpoch
{
    // Base64url writes 4 characters per 3 bytes, without padding: 12 bytes are the contract's 16 characters.
    private const int RandomBytes = ClientFrames.EpochLength / 4 * 3;

    /// <summary>A new epoch, e.g. <c>q8Zk3vYp0aR2mW7x</c>; its characters never need escaping in JSON.</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
}
