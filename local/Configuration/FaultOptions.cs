namespace Rtc.Local.Configuration;

/// <summary>Faults the management API injects, for tests and benchmarks. Defaults inject nothing.</summary>
public sealed record FaultOptions
{
    /// <summary>Added before every management API answer (<c>--management-latency</c>). Default zero.</summary>
    public TimeSpan ManagementLatency { get; init; } = TimeSpan.Zero;

    /// <summary>Probability (0 to 1) of answering 429 LimitExceededException (<c>--management-throttle-rate</c>). Default 0.</summary>
    public double ThrottleRate { get; init; }

    /// <summary>Probability (0 to 1) of answering 500 InternalServerErrorException (<c>--management-error-rate</c>). Default 0.</summary>
    public double ErrorRate { get; init; }
}
