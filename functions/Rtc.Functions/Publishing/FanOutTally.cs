using System.Collections.Concurrent;

namespace Rtc.Functions.Publishing;

/// <summary>Counts a fan-out's outcomes from many concurrent posts.</summary>
internal sealed class FanOutTally
{
    private readonly ConcurrentQueue<FailedDelivery> failed = new();
    private int delivered;
    private int gone;
    private int retries;

    public int Delivered => Volatile.Read(ref delivered);

    public int Gone => Volatile.Read(ref gone);

    public int Retries => Volatile.Read(ref retries);

    /// <summary>The failures, in a stable order (user, then connection).</summary>
    public IReadOnlyList<FailedDelivery> Failed =>
        [.. failed.OrderBy(failure => failure.UserId, StringComparer.Ordinal).ThenBy(failure => failure.ConnectionId, StringComparer.Ordinal)];

    public void CountDelivered() => Interlocked.Increment(ref delivered);

    public void CountGone() => Interlocked.Increment(ref gone);

    public void CountRetry() => Interlocked.Increment(ref retries);

    public void CountFailed(DeliveryTarget target, int? status, string error) =>
        failed.Enqueue(new FailedDelivery(target.ConnectionId, target.UserId, status, error));
}
