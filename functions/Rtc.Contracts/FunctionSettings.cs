namespace Rtc.Contracts;

/// <summary>
/// The defaults and ranges of the functions' settings (<see cref="EnvironmentVariables"/>), defined once: the
/// functions check their environment against them, the stack accepts exactly these as config, and the local
/// gateway's flags default to them.
/// </summary>
public static class FunctionSettings
{
    /// <summary>Posts (and history appends) in flight per publisher invocation, when <c>RTC_PUBLISH_CONCURRENCY</c> is unset.</summary>
    public const int DefaultPublishConcurrency = 64;

    /// <summary>The fewest posts in flight <c>RTC_PUBLISH_CONCURRENCY</c> accepts.</summary>
    public const int MinPublishConcurrency = 1;

    /// <summary>The most posts in flight <c>RTC_PUBLISH_CONCURRENCY</c> accepts.</summary>
    public const int MaxPublishConcurrency = 1000;

    /// <summary>How long a message is kept for resume when <c>RTC_HISTORY_SECONDS</c> is unset: 24 hours.</summary>
    public const int DefaultHistorySeconds = 86_400;

    /// <summary>The shortest retention <c>RTC_HISTORY_SECONDS</c> accepts.</summary>
    public const int MinHistorySeconds = 1;

    /// <summary>The longest retention <c>RTC_HISTORY_SECONDS</c> accepts: a year.</summary>
    public const int MaxHistorySeconds = 365 * 24 * 3600;

    /// <summary>The claim that holds the user id when <c>RTC_AUTH_USER_CLAIM</c> is unset.</summary>
    public const string DefaultUserClaim = "sub";

    /// <summary>HS256 needs a key of at least 256 bits (the signing library refuses shorter ones).</summary>
    public const int MinHs256SecretBytes = 32;
}
