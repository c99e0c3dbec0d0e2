using System.Text.Json.Serialization;

namespace Rtc.Local.Json;

/// <summary>Source-generated JSON for the gateway's own answers.</summary>
[JsonSerializable(typeof(GatewayMessage))]
[JsonSerializable(typeof(ConnectionDescription))]
[JsonSerializable(typeof(LambdaServiceError))]
[JsonSerializable(typeof(DevelopmentToken))]
[JsonSerializable(typeof(ClientConfigDocument))]
public sealed partial class LocalJsonContext : JsonSerializerContext;
