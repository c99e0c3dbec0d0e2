namespace Rtc.Contracts;

/// <summary>
/// The history table's schema, defined once: the DynamoDB history store reads and writes these attributes, the
/// stack deploys <see cref="Table"/>, and tests and the local gateway create tables from it.
/// </summary>
/// <remarks>
/// One partition per user. The stream's head lives at <see cref="HeadSeq"/> (0) beside the messages (1, 2, ...):
/// allocating is one <c>UpdateItem</c> with <c>ADD</c> on the head, resume reads the head and the range from one
/// partition with <c>Query</c> alone, and the head carries no TTL, so a stream (and its epoch) outlives its
/// messages and a returning client learns <c>expired</c> rather than a new epoch.
/// </remarks>
public static class HistoryTableSchema
{
    /// <summary>Partition key (S): whose stream.</summary>
    public const string UserIdAttribute = "user_id";

    /// <summary>Sort key (N): the message's sequence number, or <see cref="HeadSeq"/> for the stream's head.</summary>
    public const string SeqAttribute = "seq";

    /// <summary>The stream's epoch (S), on the head and on every message it numbered.</summary>
    public const string EpochAttribute = "epoch";

    /// <summary>The head's latest allocated sequence number (N), incremented with <c>ADD</c>.</summary>
    public const string LastSeqAttribute = "last_seq";

    /// <summary>The message as its publisher serialised it (S, UTF-8 JSON text).</summary>
    public const string MessageAttribute = "message";

    /// <summary>
    /// When the message was published (N, epoch milliseconds); on the head, when its latest sequence number
    /// was allocated.
    /// </summary>
    public const string PublishedAtAttribute = "published_at";

    /// <summary>The table's TTL attribute (N, epoch seconds): publication time plus retention. Messages only.</summary>
    public const string ExpiresAtAttribute = "expires_at";

    /// <summary>The sort key of a stream's head item; messages are numbered from 1.</summary>
    public const long HeadSeq = 0;

    /// <summary>One partition per user, sorted by sequence number.</summary>
    public static TableSchema Table { get; } = new(
        new KeyAttribute(UserIdAttribute, KeyAttribute.String),
        new KeyAttribute(SeqAttribute, KeyAttribute.Number),
        [],
        ExpiresAtAttribute);
}
