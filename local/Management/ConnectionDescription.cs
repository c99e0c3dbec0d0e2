using System.Text.Json.Serialization;

namespace Rtc.Local.Management;

/// <summary>GetConnection's answer: <c>{"connectedAt","identity":{"sourceIp","userAgent"},"lastActiveAt"}</c>, times in ISO 8601.</summary>
/// <param name="ConnectedAt">When the connection opened.</param>
/// <param name="Identity">The client's address and user agent.</param>
/// <param name="LastActiveAt">When the client last sent a message.</param>
internal sealed record ConnectionDescription(
    [property: JsonPropertyName("connectedAt")] string ConnectedAt,
    [property: JsonPropertyName("identity")] ConnectionDescription.ClientIdentity Identity,
    [property: JsonPropertyName("lastActiveAt")] string LastActiveAt)
{
    /// <summary>GetConnection's <c>identity</c>.</summary>
    public sealed record ClientIdentity(
        [property: JsonPropertyName("sourceIp")] string? SourceIp,
        [property: JsonPropertyName("userAgent")] string? UserAgent);
}
