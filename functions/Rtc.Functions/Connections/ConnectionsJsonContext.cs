using System.Text.Json.Serialization;

namespace Rtc.Functions.Connections;

/// <summary>Source-generated JSON for the replies the connections handler sends to clients.</summary>
[JsonSerializable(typeof(ClientReply))]
public sealed partial class ConnectionsJsonContext : JsonSerializerContext;
