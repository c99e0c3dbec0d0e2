namespace Rtc.Functions.Configuration;

/// <summary>Settings from a dictionary: for tests and for handlers hosted by the local gateway.</summary>
public sealed class DictionaryEnvironment(IReadOnlyDictionary<string, string?> values) : IFunctionEnvironment
{
    /// <inheritdoc />
    public string? Get(string name) => values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
