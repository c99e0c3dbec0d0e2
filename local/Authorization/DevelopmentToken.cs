using System.Text.Json.Serialization;

namespace Rtc.Local.Authorization;

/// <summary>The token endpoint's answer.</summary>
/// <param name="Token">A JWT the local authorizer accepts.</param>
internal sealed record DevelopmentToken([property: JsonPropertyName("token")] string Token);
