namespace Rtc.Functions.Publishing;

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
