using System.Collections.Concurrent;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Publishing;

/// <summary>
/// Posts messages to many connections with a bounded number in flight, each under <see cref="PostRetrier"/>'s rule.
/// A 410 deletes the row, unless the connection may still be opening (<see cref="GoneConnections"/>): then it is
/// retried like a 429 until the row is old enough for the 410 to mean gone, or the deadline comes.
/// </summary>
internal sealed class MessageFanOut(
    IConnectionStore store,
    IManagementApi management,
    PublisherOptions options,
    PostRetrier retrier,
    TimeProvider clock,
    FunctionLogger logger)
{
    /// <summary>What <see cref="FailedDelivery.Error"/> says when the deadline stopped a delivery.</summary>
    public const string DeadlineExceeded = "DeadlineExceeded";

    /// <summary>Delivers each target its message; each target ends up counted exactly once.</summary>
    /// <param name="targets">Where to post, and what.</param>
    /// <param name="stopAt">When no post or retry may run any more (the invocation deadline less the reserve).</param>
    /// <param name="stop">Cancelled at <paramref name="stopAt"/> or when the invocation is abandoned.</param>
    /// <param name="afterDelivered">
    /// What follows a delivered post, counting the target itself (a disconnect closes the connection next); without
    /// it a delivered post counts as delivered.
    /// </param>
    public async Task<FanOutTally> DeliverAsync(
        IReadOnlyList<DeliveryTarget> targets,
        DateTimeOffset stopAt,
        CancellationToken stop,
        Func<DeliveryTarget, FanOutTally, Task>? afterDelivered = null)
    {
        var tally = new FanOutTally();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency };

        // No cancellation token on the loop itself: a target the deadline stops must still be counted as failed.
        await Parallel.ForEachAsync(targets, parallel, async (target, _) =>
            await DeliverOneAsync(target, stopAt, tally, stop, afterDelivered));
        return tally;
    }

    private async Task DeliverOneAsync(
        DeliveryTarget target, DateTimeOffset stopAt, FanOutTally tally, CancellationToken stop, Func<DeliveryTarget, FanOutTally, Task>? afterDelivered)
    {
        var gone = new GoneJudge(store, target.ConnectionId, clock, logger);
        var attempts = await retrier.PostAsync(management, target.ConnectionId, target.Message, stopAt, gone.RetryGoneAsync, stop);
        tally.CountRetries(attempts.Retries);
        if (attempts.Delivered)
        {
            await (afterDelivered?.Invoke(target, tally) ?? tally.CountDeliveredAsync());
        }
        else if (attempts.Stopped)
        {
            tally.CountFailed(target, attempts.Last?.StatusCode, DeadlineExceeded);
        }
        else if (attempts.Last!.Outcome == ManagementOutcome.Gone && !gone.MayStillBeOpening)
        {
            await store.ForgetAsync(target.ConnectionId, logger);
            tally.CountGone();
        }
        else
        {
            // Includes a 410 for a connection still opening when the deadline came: failed, and its row stays.
            tally.CountFailed(target, attempts.Last.StatusCode, attempts.Last.ErrorType ?? attempts.Last.Outcome.ToString());
        }
    }
}

/// <summary>One connection to post to, with the user it belongs to and the bytes to post (that user's envelope).</summary>
internal readonly record struct DeliveryTarget(string UserId, string ConnectionId, byte[] Message);

/// <summary>
/// Counts a fan-out's outcomes from many concurrent posts. For a disconnect, delivered means told
/// (<c>session_ended</c>) and closed.
/// </summary>
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

    public Task CountDeliveredAsync()
    {
        CountDelivered();
        return Task.CompletedTask;
    }

    public void CountGone() => Interlocked.Increment(ref gone);

    public void CountRetries(int count) => Interlocked.Add(ref retries, count);

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
