using System.Text.Json.Serialization;

namespace Rtc.Functions.Authorization;

/// <summary>
/// Source-generated JSON for the authorizer's event and response. Unknown fields are skipped, because API
/// Gateway adds fields over time.
/// </summary>
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(AuthorizerRequest))]
[JsonSerializable(typeof(AuthorizerResponse))]
public sealed partial class AuthorizerJsonContext : JsonSerializerContext;
