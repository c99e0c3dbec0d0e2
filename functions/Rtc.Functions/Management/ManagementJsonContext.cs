using System.Text.Json.Serialization;

namespace Rtc.Functions.Management;

/// <summary>Source-generated JSON for the management API's response bodies.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GetConnectionResponse))]
internal sealed partial class ManagementJsonContext : JsonSerializerContext;
