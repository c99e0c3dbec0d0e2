using Rtc.Contracts;

namespace Rtc.Functions.History;

/// <summary>
/// Decides the answer to a resume from the stream's head and the messages read for it, without I/O: the
/// <c>replay</c> frames, a <c>reset</c>, the <c>position</c>, or <c>invalid_resume</c>.
/// </summary>
/// <remarks>
/// A replay is always contiguous from <c>after + 1</c>. It ends at the first message that is missing, expired
/// or of another epoch. Such a message is either still being stored (appending allocates the number, then
/// stores the message) or gone for good (deleted by retention, or its publisher failed between the two
/// steps). It counts as gone once it is expired, or once a later message of the stream (or, without one, the
/// head's latest allocation) is at least <see cref="SettleTime"/> old; until then the client is told to resume
/// again.
/// </remarks>
public static class ResumePlanner
{
    /// <summary>Messages replayed per resume at most; past that the client resumes again.</summary>
    public const int MaxMessages = 1000;

    /// <summary>
    /// Bytes of message data replayed per resume at most (one message is always sent): bounds the memory and
    /// the number of posts of one invocation, as 1,000 messages of 128 KB would be 128 MB. 4 MiB is about 32
    /// full frames, posted well within the function's timeout, and more than most users ever miss.
    /// </summary>
    public const long MaxReplayBytes = 4 * 1024 * 1024;

    /// <summary>How long after a later message a missing one is no longer taken to be still being stored.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(10);

    /// <summary>The answer to a malformed resume request.</summary>
    public static ResumeAnswer Invalid { get; } = new(ErrorCode.InvalidResume, [ClientFrames.Error(ErrorCode.InvalidResume)]);

    /// <summary>The answer to every well-formed resume when the service keeps no history.</summary>
    public static ResumeAnswer Disabled { get; } = Reset(null, 0, ResetReason.HistoryDisabled);

    /// <summary>The messages <see cref="Plan"/> needs for <paramref name="request"/>, or null when it needs none.</summary>
    public static HistoryRange? RangeToRead(ResumeRequest request, HistoryHead? head) =>
        request.HasPosition && head is not null && IsPositionIn(request, head.Epoch) && request.After < head.LatestSeq
            ? new HistoryRange(request.After, head.LatestSeq, MaxMessages, MaxReplayBytes)
            : null;

    /// <summary>The answer to a well-formed resume.</summary>
    /// <param name="request">The client's request.</param>
    /// <param name="head">The user's stream head, read before <paramref name="stored"/>; null when there is no stream.</param>
    /// <param name="stored">What the store read for <see cref="RangeToRead"/> (anything when that is null).</param>
    /// <param name="now">The current time, against which expiry and <see cref="SettleTime"/> are judged.</param>
    public static ResumeAnswer Plan(ResumeRequest request, HistoryHead? head, IReadOnlyList<StoredMessage> stored, DateTimeOffset now)
    {
        var epoch = head?.Epoch;
        var latest = head?.LatestSeq ?? 0;
        if (!request.HasPosition)
        {
            return new ResumeAnswer(ResumeAnswer.PositionOutcome, [ClientFrames.Position(epoch, latest)]);
        }

        if (!IsPositionIn(request, epoch))
        {
            return Reset(epoch, latest, ResetReason.EpochChanged);
        }

        if (request.After > latest)
        {
            return Reset(epoch, latest, ResetReason.Ahead);
        }

        if (head is null || RangeToRead(request, head) is not { } range)
        {
            return new ResumeAnswer(ResumeAnswer.ReplayedOutcome, [ClientFrames.Replay(epoch, [], more: false)]);
        }

        var run = ContiguousRun(range, head, stored, now);
        if (run.Count == 0 && IsGone(request.After + 1, head, stored, now))
        {
            return Reset(head.Epoch, latest, ResetReason.Expired);
        }

        return new ResumeAnswer(ResumeAnswer.ReplayedOutcome, Frames(head.Epoch, run, complete: run.Count > 0 && run[^1].Seq == latest), run.Count);
    }

    // The client's epoch is the stream's (null when there is none), or null: its position predates the stream,
    // so all of the stream is new to it.
    private static bool IsPositionIn(ResumeRequest request, string? streamEpoch) => request.Epoch is null || request.Epoch == streamEpoch;

    private static List<StoredMessage> ContiguousRun(HistoryRange range, HistoryHead head, IReadOnlyList<StoredMessage> stored, DateTimeOffset now)
    {
        var run = new List<StoredMessage>();
        long bytes = 0;
        foreach (var message in stored.Where(message => message.Seq > range.After))
        {
            if (message.Seq != range.After + run.Count + 1 || message.Seq > range.Through
                || !IsRetained(message, head, now) || !range.HasRoomAfter(run.Count, bytes))
            {
                break;
            }

            run.Add(message);
            bytes += message.Data.Length;
        }

        return run;
    }

    private static bool IsRetained(StoredMessage message, HistoryHead head, DateTimeOffset now) =>
        message.Epoch == head.Epoch && message.ExpiresAt > now;

    // A TTL-expired item still readable is expired outright (TTL deletes within days, not at once). A missing one
    // was allocated before any later message, so it is gone once a later message has expired (it expired no
    // later) or has settled (it is not coming).
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ttl-expired-items.html
    private static bool IsGone(long seq, HistoryHead head, IReadOnlyList<StoredMessage> stored, DateTimeOffset now)
    {
        var sameStream = stored.Where(message => message.Epoch == head.Epoch).ToList();
        if (sameStream.Any(message => message.Seq == seq || (message.Seq > seq && message.ExpiresAt <= now)))
        {
            return true;
        }

        var laterPublishedAt = sameStream.Where(message => message.Seq > seq).MinBy(message => message.Seq)?.PublishedAt ?? head.LastPublishedAt;
        return now - laterPublishedAt >= SettleTime;
    }

    // Frames of at most MaxFrameBytes, a message too big to share one alone. Every frame but the last says
    // "more":true; the last says false when the run reached the latest message, else an empty frame with
    // "more":true follows: a frame with messages and "more":true always has a successor, an empty one never.
    private static List<byte[]> Frames(string epoch, List<StoredMessage> run, bool complete)
    {
        var frames = new List<byte[]>();
        var emptyBytes = ClientFrames.EmptyReplayBytes(epoch);
        var batch = new List<StoredMessage>();
        var bytes = emptyBytes;
        foreach (var message in run)
        {
            var itemBytes = ClientFrames.ReplayItemBytes(message);
            if (batch.Count > 0 && bytes + 1 + itemBytes > WebSocketQuotas.MaxMessageBytes)
            {
                frames.Add(ClientFrames.Replay(epoch, batch, more: true));
                batch = [];
                bytes = emptyBytes;
            }

            bytes += (batch.Count > 0 ? 1 : 0) + itemBytes;
            batch.Add(message);
        }

        if (batch.Count > 0)
        {
            frames.Add(ClientFrames.Replay(epoch, batch, more: !complete));
        }

        if (!complete)
        {
            frames.Add(ClientFrames.Replay(epoch, [], more: true));
        }

        return frames;
    }

    private static ResumeAnswer Reset(string? epoch, long seq, string reason) => new(reason, [ClientFrames.Reset(epoch, seq, reason)]);
}

/// <summary>The frames to post, in order, in answer to a resume.</summary>
/// <param name="Outcome">
/// For the log: <c>replayed</c>, <c>position</c>, <c>invalid_resume</c> or the reset reason
/// (<see cref="ResetReason"/>).
/// </param>
/// <param name="Frames">The frames, each at most <see cref="WebSocketQuotas.MaxMessageBytes"/> (but for a stored
/// message bigger than <see cref="ClientFrames.MaxPublishedDataBytes"/>, which the publisher never stores).</param>
/// <param name="Replayed">Messages in the replay frames.</param>
public sealed record ResumeAnswer(string Outcome, IReadOnlyList<byte[]> Frames, int Replayed = 0)
{
    /// <summary>The outcome of replay frames (possibly with no messages).</summary>
    public const string ReplayedOutcome = "replayed";

    /// <summary>The outcome of a resume without a position.</summary>
    public const string PositionOutcome = "position";
}
