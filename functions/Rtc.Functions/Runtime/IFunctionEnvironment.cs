namespace Rtc.Functions.Runtime;

/// <summary>Reads settings by name, so tests and the local gateway can supply their own.</summary>
public interface IFunctionEnvironment
{
    /// <summary>The value of <paramref name="name"/>, or null when it is unset or empty.</summary>
    string? Get(string name);
}

/// <summary>Settings from a dictionary: for tests and for handlers hosted by the local gateway.</summary>
public sealed class DictionaryEnvironment(IReadOnlyDictionary<string, string?> values) : IFunctionEnvironment
{
    /// <inheritdoc />
    public string? Get(string name) => values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}

public sealed class ProcessEnvironment : IFunctionEnvironment
{
    /// <inheritdoc />
    public string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
