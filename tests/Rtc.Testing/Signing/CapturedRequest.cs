namespace Rtc.Testing.Signing;

/// <summary>One request as it reached the loopback server: method, raw target bytes, headers and body.</summary>
public sealed record CapturedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>A header's value, or null (names are case-insensitive).</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
