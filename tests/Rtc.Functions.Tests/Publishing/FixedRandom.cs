namespace Rtc.Functions.Tests.Publishing;

/// <summary>A random source that always samples <paramref name="sample"/>, to pin the backoff's jitter.</summary>
public sealed class FixedRandom(double sample) : Random
{
    protected override double Sample() => sample;
}
