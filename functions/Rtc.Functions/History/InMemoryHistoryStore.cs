using System.Collections.Concurrent;

namespace Rtc.Functions.History;

/// <summary>
/// A history store in process memory: the local gateway's default and the fast tests' store. A process restart
/// loses every stream, so each gets a new epoch, as a lost table would. Expired messages are dropped when their
/// user's stream is next appended to, all but the newest: like an item TTL has not deleted yet, it shows a resume
/// that the messages before it expired rather than are still being stored.
/// </summary>
/// <param name="retention">How long a message is kept after it was published.</param>
public sealed class InMemoryHistoryStore(TimeSpan retention) : IHistoryStore
{
    private readonly ConcurrentDictionary<string, UserStream> streams = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<HistoryPosition> AppendAsync(string userId, ReadOnlyMemory<byte> message, DateTimeOffset publishedAt, CancellationToken cancellationToken = default)
    {
        var stream = streams.GetOrAdd(userId, _ => new UserStream(StreamEpoch.New()));
        lock (stream)
        {
            var expired = stream.Messages.FindLastIndex(stored => stored.ExpiresAt <= publishedAt);
            stream.Messages.RemoveRange(0, Math.Max(expired, 0));
            stream.LastSeq++;
            stream.LastPublishedAt = publishedAt;
            stream.Messages.Add(new StoredMessage(
                stream.LastSeq,
                stream.Epoch,
                message.ToArray(),
                DateTimeOffset.FromUnixTimeMilliseconds(publishedAt.ToUnixTimeMilliseconds()),
                DateTimeOffset.FromUnixTimeSeconds((publishedAt + retention).ToUnixTimeSeconds())));
            return Task.FromResult(new HistoryPosition(stream.Epoch, stream.LastSeq));
        }
    }

    /// <inheritdoc />
    public Task<HistoryHead?> GetHeadAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (!streams.TryGetValue(userId, out var stream))
        {
            return Task.FromResult<HistoryHead?>(null);
        }

        lock (stream)
        {
            return Task.FromResult<HistoryHead?>(new HistoryHead(stream.Epoch, stream.LastSeq, stream.LastPublishedAt));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredMessage>> ReadRangeAsync(string userId, HistoryRange range, CancellationToken cancellationToken = default)
    {
        var read = new List<StoredMessage>();
        if (streams.TryGetValue(userId, out var stream))
        {
            lock (stream)
            {
                long bytes = 0;
                foreach (var stored in stream.Messages.Where(stored => stored.Seq > range.After && stored.Seq <= range.Through))
                {
                    if (!range.HasRoomAfter(read.Count, bytes))
                    {
                        break;
                    }

                    read.Add(stored);
                    bytes += stored.Data.Length;
                }
            }
        }

        return Task.FromResult<IReadOnlyList<StoredMessage>>(read);
    }

    // Guarded by its own lock: allocating and storing are one step here, so a reader never sees a gap.
    private sealed class UserStream(string epoch)
    {
        public string Epoch { get; } = epoch;

        public long LastSeq { get; set; }

        public DateTimeOffset LastPublishedAt { get; set; }

        // Ascending by Seq: appends only ever add the next number.
        public List<StoredMessage> Messages { get; } = [];
    }
}
