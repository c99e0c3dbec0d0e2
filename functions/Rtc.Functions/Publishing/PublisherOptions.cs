using System.Globalization;
using Rtc.Functions.Configuration;

namespace Rtc.Functions.Publishing;

/// <summary>How the publisher fans out and retries.</summary>
/// <param name="Concurrency">Posts in flight per invocation. Default 64 (<c>RTC_PUBLISH_CONCURRENCY</c>).</param>
/// <param name="MaxAttempts">Attempts per connection, first post included. Default 5.</param>
/// <param name="BaseDelay">The backoff ceiling of the first retry; it doubles per retry. Default 50 ms.</param>
/// <param name="MaxDelay">The backoff ceiling's cap. Default 1 s.</param>
/// <param name="DeadlineReserve">
/// Time kept back before Lambda's deadline to report the result; no post or retry runs into it. Default 500 ms.
/// </param>
public sealed record PublisherOptions(
    int Concurrency = PublisherOptions.DefaultConcurrency,
    int MaxAttempts = 5,
    TimeSpan? BaseDelay = null,
    TimeSpan? MaxDelay = null,
    TimeSpan? DeadlineReserve = null)
{
    /// <summary>Posts in flight when <c>RTC_PUBLISH_CONCURRENCY</c> is unset.</summary>
    public const int DefaultConcurrency = 64;

    /// <summary>The smallest accepted concurrency.</summary>
    public const int MinConcurrency = 1;

    /// <summary>The largest accepted concurrency.</summary>
    public const int MaxConcurrency = 1000;

    /// <summary>The first retry's backoff ceiling.</summary>
    public TimeSpan FirstRetryDelay => BaseDelay ?? TimeSpan.FromMilliseconds(50);

    /// <summary>The cap on any backoff ceiling.</summary>
    public TimeSpan RetryDelayCap => MaxDelay ?? TimeSpan.FromSeconds(1);

    /// <summary>Time kept back before the invocation deadline.</summary>
    public TimeSpan Reserve => DeadlineReserve ?? TimeSpan.FromMilliseconds(500);

    /// <summary>Defaults, with <c>RTC_PUBLISH_CONCURRENCY</c> applied; an invalid value throws naming the key and range.</summary>
    public static PublisherOptions FromEnvironment(IFunctionEnvironment environment)
    {
        if (environment.Get(EnvironmentVariables.PublishConcurrency) is not { } text)
        {
            return new PublisherOptions();
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var concurrency)
            || concurrency is < MinConcurrency or > MaxConcurrency)
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariables.PublishConcurrency} is '{text}'; it must be a whole number from {MinConcurrency} to {MaxConcurrency} (default {DefaultConcurrency}).");
        }

        return new PublisherOptions(concurrency);
    }
}
