using System.Text.Json.Serialization;
using Rtc.Local.Authorization;
using Rtc.Local.Http;
using Rtc.Local.Lambda;
using Rtc.Local.Management;

namespace Rtc.Local.Hosting;

/// <summary>Source-generated JSON for the gateway's own answers.</summary>
[JsonSerializable(typeof(GatewayMessage))]
[JsonSerializable(typeof(ConnectionDescription))]
[JsonSerializable(typeof(LambdaServiceError))]
[JsonSerializable(typeof(DevelopmentToken))]
internal sealed partial class LocalJsonContext : JsonSerializerContext;
