using System.Text.Json.Serialization;

namespace Rtc.Local.Json;

/// <summary>GetConnection's <c>identity</c>.</summary>
/// <param name="SourceIp">The client's address.</param>
/// <param name="UserAgent">The client's user agent.</param>
public sealed record ConnectionIdentity(
    [property: JsonPropertyName("sourceIp")] string? SourceIp,
    [property: JsonPropertyName("userAgent")] string? UserAgent);
