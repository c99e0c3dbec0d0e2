namespace Rtc.Functions.Configuration;

/// <summary>The process's environment variables.</summary>
public sealed class ProcessEnvironment : IFunctionEnvironment
{
    /// <inheritdoc />
    public string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
