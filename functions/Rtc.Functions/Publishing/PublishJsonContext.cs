using System.Text.Json.Serialization;

namespace Rtc.Functions.Publishing;

/// <summary>Source-generated JSON for the publisher's result.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PublishResult))]
public sealed partial class PublishJsonContext : JsonSerializerContext;
