using System.Globalization;
using Rtc.Contracts;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Publishing;

/// <summary>How the publisher fans out and retries.</summary>
public sealed record PublisherOptions
{
    /// <summary>Posts in flight per invocation. Default 64 (<c>RTC_PUBLISH_CONCURRENCY</c>).</summary>
    public int Concurrency { get; init; } = FunctionSettings.DefaultPublishConcurrency;

    /// <summary>Attempts per connection, first post included. Default 5.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The backoff ceiling of the first retry; it doubles per retry. Default 50 ms.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The cap on any retry's backoff ceiling. Default 1 s.</summary>
    public TimeSpan RetryDelayCap { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Time kept back before Lambda's deadline to report the result; no post or retry runs into it. Default 500 ms.
    /// </summary>
    public TimeSpan DeadlineReserve { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Defaults, with <c>RTC_PUBLISH_CONCURRENCY</c> applied; an invalid value throws naming the key and range.</summary>
    public static PublisherOptions FromEnvironment(IFunctionEnvironment environment)
    {
        if (environment.Get(EnvironmentVariables.PublishConcurrency) is not { } text)
        {
            return new PublisherOptions();
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var concurrency)
            || concurrency is < FunctionSettings.MinPublishConcurrency or > FunctionSettings.MaxPublishConcurrency)
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariables.PublishConcurrency} is '{text}'; it must be a whole number from {FunctionSettings.MinPublishConcurrency} " +
                $"to {FunctionSettings.MaxPublishConcurrency} (default {FunctionSettings.DefaultPublishConcurrency}).");
        }

        return new PublisherOptions { Concurrency = concurrency };
    }
}
