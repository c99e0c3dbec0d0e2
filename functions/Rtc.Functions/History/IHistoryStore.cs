using Rtc.Contracts;

namespace Rtc.Functions.History;

/// <summary>
/// Per-user message streams: each message published to a user gets the next sequence number of that user's
/// stream and is kept for the store's retention, so a client that reconnects can be sent what it missed.
/// </summary>
public interface IHistoryStore
{
    /// <summary>
    /// Allocates the next sequence number of <paramref name="userId"/>'s stream (1 for a new or lost stream,
    /// which also gets a new epoch) and stores <paramref name="message"/> under it, expiring at
    /// <paramref name="publishedAt"/> plus the store's retention. Concurrent appends for one user get distinct,
    /// consecutive numbers. Throws when either step fails; the number may then stay unused.
    /// </summary>
    /// <param name="userId">Whose stream.</param>
    /// <param name="message">The serialised message (UTF-8 JSON), stored and later replayed byte for byte.</param>
    /// <param name="publishedAt">When it was published.</param>
    /// <param name="cancellationToken">Cancels the store's requests.</param>
    Task<HistoryPosition> AppendAsync(string userId, ReadOnlyMemory<byte> message, DateTimeOffset publishedAt, CancellationToken cancellationToken = default);

    /// <summary>The stream's head as of now (a strongly consistent read), or null when the user has no stream.</summary>
    Task<HistoryHead?> GetHeadAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored messages with <see cref="HistoryRange.After"/> &lt; seq ≤ <see cref="HistoryRange.Through"/>,
    /// in ascending order, read strongly consistent, stopping where <see cref="HistoryRange.HasRoomAfter"/> says.
    /// Returns what is stored: messages past their expiry that retention has not deleted yet, and leftovers of a
    /// lost stream (another epoch), are included for the caller to judge.
    /// </summary>
    Task<IReadOnlyList<StoredMessage>> ReadRangeAsync(string userId, HistoryRange range, CancellationToken cancellationToken = default);
}

/// <summary>Where an appended message went.</summary>
/// <param name="Epoch">The stream's epoch.</param>
/// <param name="Seq">The message's sequence number in that epoch.</param>
public sealed record HistoryPosition(string Epoch, long Seq);

/// <summary>A stream's head.</summary>
/// <param name="Epoch">The stream's epoch, created with the stream.</param>
/// <param name="LatestSeq">The latest allocated sequence number (its message may still be being stored).</param>
/// <param name="LastPublishedAt">When <paramref name="LatestSeq"/> was allocated.</param>
public sealed record HistoryHead(string Epoch, long LatestSeq, DateTimeOffset LastPublishedAt);

/// <summary>One stored message.</summary>
/// <param name="Seq">Its sequence number.</param>
/// <param name="Epoch">The epoch of the stream that numbered it.</param>
/// <param name="Data">The message as published (UTF-8 JSON).</param>
/// <param name="PublishedAt">When it was published (millisecond precision).</param>
/// <param name="ExpiresAt">When retention may delete it (second precision).</param>
public sealed record StoredMessage(long Seq, string Epoch, byte[] Data, DateTimeOffset PublishedAt, DateTimeOffset ExpiresAt) : IReplayedMessage;

/// <summary>Which messages to read for a replay, and how many at most.</summary>
/// <param name="After">Read messages after this sequence number.</param>
/// <param name="Through">Up to and including this one.</param>
/// <param name="MaxMessages">Messages to read at most.</param>
/// <param name="MaxBytes">Stop once this many bytes of message data are read.</param>
public sealed record HistoryRange(long After, long Through, int MaxMessages, long MaxBytes)
{
    /// <summary>
    /// Whether one more message is read after <paramref name="messages"/> messages holding
    /// <paramref name="bytes"/> bytes: the first always is, so a reader always makes progress.
    /// </summary>
    public bool HasRoomAfter(int messages, long bytes) => messages < MaxMessages && bytes < MaxBytes;
}
