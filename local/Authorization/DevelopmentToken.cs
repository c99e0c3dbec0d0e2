using System.Text.Json.Serialization;

namespace Rtc.Local.Json;

/// <summary>The token endpoint's answer.</summary>
/// <param name="Token">A JWT the local authorizer accepts.</param>
public sealed record DevelopmentToken([property: JsonPropertyName("token")] string Token);
