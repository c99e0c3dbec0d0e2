using Rtc.Local.Configuration;

namespace Rtc.Local.Hosting;

/// <summary>Decides, per management API request, whether to delay it and whether to fail it with 429 or 500.</summary>
internal sealed class FaultInjector(FaultOptions options, TimeProvider clock)
{
    /// <summary>A fault to answer with instead of the real result.</summary>
    /// <param name="Status">The HTTP status.</param>
    /// <param name="ErrorType">The <c>x-amzn-ErrorType</c>.</param>
    /// <param name="Message">The <c>{"message"}</c> body.</param>
    public sealed record Fault(int Status, string ErrorType, string Message);

    /// <summary>Waits the configured latency, then returns the fault to answer with, or null to serve the request.</summary>
    public async Task<Fault?> NextAsync(CancellationToken cancellationToken = default)
    {
        if (options.ManagementLatency > TimeSpan.Zero)
        {
            await Task.Delay(options.ManagementLatency, clock, cancellationToken);
        }

        var draw = Random.Shared.NextDouble();
        if (draw < options.ThrottleRate)
        {
            return new Fault(429, "LimitExceededException", "Rate exceeded");
        }

        return draw < options.ThrottleRate + options.ErrorRate
            ? new Fault(500, "InternalServerErrorException", "Internal server error")
            : null;
    }
}
