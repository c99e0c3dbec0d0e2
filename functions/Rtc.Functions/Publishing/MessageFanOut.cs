using System.Collections.Concurrent;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Publishing;

/// <summary>
/// Posts messages to many connections with a bounded number in flight. 410 deletes the row
/// (<see cref="GoneConnections"/>); answers <see cref="ManagementResult.IsRetryable"/> calls retryable are retried
/// with backoff while the deadline allows; every other answer is final.
/// </summary>
internal sealed class MessageFanOut(
    IConnectionStore store,
    IManagementApi management,
    PublisherOptions options,
    RetryBackoff backoff,
    TimeProvider clock,
    FunctionLogger logger)
{
    /// <summary>What <see cref="FailedDelivery.Error"/> says when the deadline stopped a delivery.</summary>
    public const string DeadlineExceeded = "DeadlineExceeded";

    /// <summary>Delivers each target its message; each target ends up counted exactly once.</summary>
    /// <param name="targets">Where to post, and what.</param>
    /// <param name="stopAt">When no post or retry may run any more (the invocation deadline less the reserve).</param>
    /// <param name="stop">Cancelled at <paramref name="stopAt"/> or when the invocation is abandoned.</param>
    public async Task<FanOutTally> DeliverAsync(IReadOnlyList<DeliveryTarget> targets, DateTimeOffset stopAt, CancellationToken stop)
    {
        var tally = new FanOutTally();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency };

        // No cancellation token on the loop itself: a target the deadline stops must still be counted as failed.
        await Parallel.ForEachAsync(targets, parallel, async (target, _) =>
            await DeliverOneAsync(target, stopAt, tally, stop));
        return tally;
    }

    private async Task DeliverOneAsync(DeliveryTarget target, DateTimeOffset stopAt, FanOutTally tally, CancellationToken stop)
    {
        ManagementResult? last = null;
        for (var attempt = 1; ; attempt++)
        {
            if (stop.IsCancellationRequested)
            {
                tally.CountFailed(target, last?.StatusCode, DeadlineExceeded);
                return;
            }

            try
            {
                last = await management.PostToConnectionAsync(target.ConnectionId, target.Message, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                tally.CountFailed(target, null, DeadlineExceeded);
                return;
            }

            switch (last.Outcome)
            {
                case ManagementOutcome.Delivered:
                    tally.CountDelivered();
                    return;
                case ManagementOutcome.Gone:
                    await store.ForgetAsync(target.ConnectionId, logger);
                    tally.CountGone();
                    return;
            }

            var delay = last.IsRetryable && attempt < options.MaxAttempts ? backoff.DelayBefore(attempt) : (TimeSpan?)null;
            if (delay is null || clock.GetUtcNow() + delay >= stopAt)
            {
                tally.CountFailed(target, last.StatusCode, last.ErrorType ?? last.Outcome.ToString());
                return;
            }

            tally.CountRetry();
            try
            {
                await Task.Delay(delay.Value, clock, stop);
            }
            catch (OperationCanceledException)
            {
                tally.CountFailed(target, last.StatusCode, DeadlineExceeded);
                return;
            }
        }
    }
}

/// <summary>One connection to post to, with the user it belongs to and the bytes to post (that user's envelope).</summary>
internal readonly record struct DeliveryTarget(string UserId, string ConnectionId, byte[] Message);

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

/// <summary>
/// Exponential backoff with full jitter (a uniform delay between zero and the attempt's ceiling), so that the
/// many posts a throttled fan-out retries spread out instead of returning together.
/// </summary>
public sealed class RetryBackoff(PublisherOptions options, Random random)
{
    private readonly Lock randomLock = new();

    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        var ceiling = options.FirstRetryDelay * Math.Pow(2, Math.Min(retry - 1, 30));
        if (ceiling > options.RetryDelayCap)
        {
            ceiling = options.RetryDelayCap;
        }

        double sample;
        lock (randomLock)
        {
            // Random is not thread-safe and posts retry concurrently.
            sample = random.NextDouble();
        }

        return ceiling * sample;
    }
}
