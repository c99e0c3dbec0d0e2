using Rtc.Functions.Management;

namespace Rtc.Functions.Publishing;

/// <summary>
/// The one retry rule for a post to a connection, used by the publisher's fan-out and by the connections
/// function's replies (a resume's replay frames): an answer <see cref="ManagementResult.IsRetryable"/> calls
/// retryable (429, 5xx, a timeout, no answer) is tried again, at most <see cref="PublisherOptions.MaxAttempts"/>
/// attempts in all, after <see cref="RetryBackoff"/>'s jittered delay, and only while that delay ends before the
/// caller's stop time. Every other answer is final.
/// </summary>
public sealed class PostRetrier(PublisherOptions options, RetryBackoff backoff, TimeProvider clock)
{
    /// <summary>A retrier with the publisher's retry settings and jitter from <paramref name="random"/>.</summary>
    public PostRetrier(PublisherOptions options, Random random, TimeProvider clock)
        : this(options, new RetryBackoff(options, random), clock)
    {
    }

    /// <summary>Posts <paramref name="data"/> to <paramref name="connectionId"/>, retrying under the rule above.</summary>
    /// <param name="management">The management API.</param>
    /// <param name="connectionId">Where to post.</param>
    /// <param name="data">The message.</param>
    /// <param name="stopAt">No retry is scheduled whose backoff would end at or after this time.</param>
    /// <param name="retryAlso">
    /// Asked about an answer the rule calls final; true retries it anyway, outside the attempt bound (still
    /// within <paramref name="stopAt"/>). The publisher retries a 410 this way for a connection that may still be
    /// in its handshake (<see cref="Storage.GoneConnections"/>).
    /// </param>
    /// <param name="stop">Cancelled at <paramref name="stopAt"/> or when the invocation is abandoned.</param>
    public Task<PostAttempts> PostAsync(
        IManagementApi management,
        string connectionId,
        ReadOnlyMemory<byte> data,
        DateTimeOffset stopAt,
        Func<ManagementResult, CancellationToken, Task<bool>>? retryAlso,
        CancellationToken stop) =>
        SendAsync(token => management.PostToConnectionAsync(connectionId, data, token), stopAt, retryAlso, stop);

    /// <summary>
    /// Sends any one management call (a post, or a DELETE that closes the connection) under the same rule:
    /// <paramref name="send"/> is called once per attempt.
    /// </summary>
    public async Task<PostAttempts> SendAsync(
        Func<CancellationToken, Task<ManagementResult>> send,
        DateTimeOffset stopAt,
        Func<ManagementResult, CancellationToken, Task<bool>>? retryAlso,
        CancellationToken stop)
    {
        ManagementResult? last = null;
        for (var attempt = 1; ; attempt++)
        {
            if (stop.IsCancellationRequested)
            {
                return new PostAttempts(last, attempt - 1, Stopped: true);
            }

            try
            {
                last = await send(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The post in flight was abandoned: what it would have answered is unknown, so the last answer is the
                // previous attempt's (none for a first attempt).
                return new PostAttempts(last, attempt - 1, Stopped: true);
            }

            if (last.Outcome == ManagementOutcome.Delivered)
            {
                return new PostAttempts(last, attempt - 1, Stopped: false);
            }

            var retry = (last.IsRetryable && attempt < options.MaxAttempts) || (retryAlso is not null && await retryAlso(last, stop));
            var delay = retry ? backoff.DelayBefore(attempt) : (TimeSpan?)null;
            if (delay is null || clock.GetUtcNow() + delay >= stopAt)
            {
                return new PostAttempts(last, attempt - 1, Stopped: false);
            }

            try
            {
                await Task.Delay(delay.Value, clock, stop);
            }
            catch (OperationCanceledException)
            {
                return new PostAttempts(last, attempt, Stopped: true);
            }
        }
    }
}

/// <summary>What came of a post and its retries.</summary>
/// <param name="Last">The last answer received; null when none came (a first post abandoned at the stop time).</param>
/// <param name="Retries">How many times the post was tried again.</param>
/// <param name="Stopped">The stop time (or the invocation's end) cut the retries short.</param>
public readonly record struct PostAttempts(ManagementResult? Last, int Retries, bool Stopped)
{
    public bool Delivered => Last?.Outcome == ManagementOutcome.Delivered;
}
