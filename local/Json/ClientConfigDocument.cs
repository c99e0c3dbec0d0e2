using System.Text.Json.Serialization;

namespace Rtc.Local.Json;

/// <summary>The stack's <c>clientConfig</c> output, for the running gateway: what <c>GET /@local/client-config</c> answers.</summary>
/// <param name="Url">The WebSocket URL, <c>ws://{host}/{stage}</c>.</param>
/// <param name="Stage">The stage.</param>
/// <param name="Region">The region.</param>
/// <param name="HeartbeatSeconds">Seconds between the client's pings.</param>
/// <param name="MaxConnectionSeconds">The gateway's maximum connection duration (<c>--max-duration</c>).</param>
/// <param name="Auth">How the client identifies itself.</param>
/// <param name="History">Whether the gateway keeps history to resume from, and for how long (<c>--history-seconds</c>).</param>
public sealed record ClientConfigDocument(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("heartbeatSeconds")] int HeartbeatSeconds,
    [property: JsonPropertyName("maxConnectionSeconds")] int MaxConnectionSeconds,
    [property: JsonPropertyName("auth")] ClientAuthDocument Auth,
    [property: JsonPropertyName("history")] ClientHistoryDocument History);

/// <summary><c>clientConfig.auth</c>: <c>{mode:"none",queryParameter}</c> or <c>{mode:"jwt",tokenSource:"protocol",subprotocols}</c>.</summary>
/// <param name="Mode"><c>none</c> or <c>jwt</c>.</param>
/// <param name="TokenSource">Where a token goes (<c>jwt</c> only).</param>
/// <param name="QueryParameter">The query parameter carrying the user id (<c>none</c> only).</param>
/// <param name="Subprotocols">The subprotocols to offer, <c>&lt;token&gt;</c> standing for the token (<c>jwt</c> only).</param>
public sealed record ClientAuthDocument(
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("tokenSource"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TokenSource = null,
    [property: JsonPropertyName("queryParameter"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? QueryParameter = null,
    [property: JsonPropertyName("subprotocols"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Subprotocols = null);

/// <summary><c>clientConfig.history</c>: <c>{"enabled": bool, "seconds": n}</c>, as the stack's <c>historyHours</c> gives it.</summary>
/// <param name="Enabled">Whether messages are numbered and kept for <c>resume</c>.</param>
/// <param name="Seconds">How long each message is kept; 0 when history is off.</param>
public sealed record ClientHistoryDocument(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("seconds")] int Seconds);
