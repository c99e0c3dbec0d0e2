namespace Rtc.Contracts;

/// <summary>
/// The limits a publish request is checked against before anything is posted. The message's own limit, in bytes
/// of its serialisation, is <see cref="ClientFrames.MaxPublishedDataBytes"/>: the same with history off, so turning
/// history on never strands a message published before.
/// </summary>
public static class PublishRequestLimits
{
    /// <summary>Users one request may name (after de-duplication).</summary>
    public const int MaxUsers = 1000;

    /// <summary>
    /// Characters (UTF-16 code units, as .NET counts them) a disconnect request's <c>reason</c> may hold; it is posted
    /// to every connection in a <c>session_ended</c> frame.
    /// </summary>
    public const int MaxDisconnectReasonChars = 256;
}
