using Rtc.Functions.Logging;
using Rtc.Functions.Management;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Publishing;

/// <summary>
/// Posts one message to many connections with a bounded number in flight. 410 deletes the row; 429, 5xx and
/// timeouts are retried with backoff while the deadline allows; 403, 413 and other answers are final.
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

    /// <summary>Delivers <paramref name="message"/> to every target; each target ends up counted exactly once.</summary>
    /// <param name="targets">Where to post.</param>
    /// <param name="message">The serialised message.</param>
    /// <param name="stopAt">When no post or retry may run any more (the invocation deadline less the reserve).</param>
    /// <param name="stop">Cancelled at <paramref name="stopAt"/> or when the invocation is abandoned.</param>
    public async Task<FanOutTally> DeliverAsync(
        IReadOnlyList<DeliveryTarget> targets, byte[] message, DateTimeOffset stopAt, CancellationToken stop)
    {
        var tally = new FanOutTally();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency };

        // No cancellation token on the loop itself: a target the deadline stops must still be counted as failed.
        await Parallel.ForEachAsync(targets, parallel, async (target, _) =>
            await DeliverOneAsync(target, message, stopAt, tally, stop));
        return tally;
    }

    private async Task DeliverOneAsync(DeliveryTarget target, byte[] message, DateTimeOffset stopAt, FanOutTally tally, CancellationToken stop)
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
                last = await management.PostToConnectionAsync(target.ConnectionId, message, stop);
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
                    await RemoveGoneAsync(target);
                    tally.CountGone();
                    return;
            }

            var delay = IsRetryable(last) && attempt < options.MaxAttempts ? backoff.DelayBefore(attempt) : (TimeSpan?)null;
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

    // 429, 5xx, timeouts and transport errors; 403, 413 and other 4xx answers would only repeat.
    private static bool IsRetryable(ManagementResult result) =>
        result.Outcome == ManagementOutcome.Throttled
        || (result.Outcome == ManagementOutcome.Failed && result.StatusCode is null or >= 500);

    private async Task RemoveGoneAsync(DeliveryTarget target)
    {
        try
        {
            // Not bound to the deadline: a half-done cleanup only leaves the row to the table's TTL.
            await store.RemoveAsync(target.ConnectionId);
        }
        catch (Exception exception)
        {
            logger.Write("WARN", "gone connection not removed", ("connectionId", target.ConnectionId), ("error", exception.GetType().Name));
        }
    }
}
