using System.Text.Json.Serialization;

namespace Rtc.Functions.Connections;

/// <summary>A message the service sends back to a client over its own connection.</summary>
/// <param name="Type">Always <c>error</c>: the service's only own reply (API Gateway answers <c>ping</c>).</param>
/// <param name="Error">For errors: <c>invalid_json</c> or <c>unknown_action</c>.</param>
/// <param name="Action">For <c>unknown_action</c>: the action the client named.</param>
public sealed record ClientReply(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null,
    [property: JsonPropertyName("action"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Action = null)
{
    /// <summary><c>{"type":"error","error":"invalid_json"}</c>: the frame was not a JSON object.</summary>
    public static ClientReply InvalidJson { get; } = new("error", "invalid_json");

    /// <summary><c>{"type":"error","error":"unknown_action","action":"..."}</c>.</summary>
    public static ClientReply UnknownAction(string action) => new("error", "unknown_action", action);
}

/// <summary>Source-generated JSON for the replies the connections handler sends to clients.</summary>
[JsonSerializable(typeof(ClientReply))]
public sealed partial class ConnectionsJsonContext : JsonSerializerContext;
