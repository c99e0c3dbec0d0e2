using System.Text.Json.Serialization;

namespace Rtc.Contracts;

/// <summary>
/// <c>clientConfig</c>: everything a client needs to connect (url, stage, region, heartbeat), how to identify
/// itself, and whether the server keeps history to resume from. Built here for both places that publish it: the
/// stack's <c>clientConfig</c> output and the local gateway's <c>GET /@local/client-config</c>.
/// </summary>
/// <param name="Url">The WebSocket URL, <c>wss://{domain}/{stage}</c>.</param>
/// <param name="Stage">The stage.</param>
/// <param name="Region">The region.</param>
/// <param name="HeartbeatSeconds">Seconds between the client's pings.</param>
/// <param name="MaxConnectionSeconds">The maximum connection duration: clients roll over to a new connection before it.</param>
/// <param name="Auth">How the client identifies itself.</param>
/// <param name="History">Whether messages are kept to resume from, and for how long.</param>
public sealed record ClientConfig(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("heartbeatSeconds")] int HeartbeatSeconds,
    [property: JsonPropertyName("maxConnectionSeconds")] int MaxConnectionSeconds,
    [property: JsonPropertyName("auth")] ClientAuthConfig Auth,
    [property: JsonPropertyName("history")] ClientHistoryConfig History)
{
    /// <summary>The stack's default heartbeat (its <c>heartbeatSeconds</c> key), well under API Gateway's 10-minute idle timeout.</summary>
    public const int DefaultHeartbeatSeconds = 300;

    /// <summary>API Gateway's maximum connection duration, in seconds (2 hours, a fixed quota).</summary>
    public static readonly int MaxConnectionSecondsOnAws = (int)WebSocketQuotas.MaxConnectionDuration.TotalSeconds;
}

/// <summary>
/// <c>clientConfig.auth</c>: <c>{mode:"none",queryParameter}</c>, <c>{mode:"jwt",tokenSource:"query",queryParameter}</c>
/// or <c>{mode:"jwt",tokenSource:"protocol",subprotocols}</c>.
/// </summary>
/// <param name="Mode"><c>none</c> or <c>jwt</c>.</param>
/// <param name="TokenSource">Where a token goes (<c>jwt</c> only).</param>
/// <param name="QueryParameter">The query parameter carrying the user id or the token.</param>
/// <param name="Subprotocols">The subprotocols to offer, <c>&lt;token&gt;</c> standing for the token.</param>
public sealed record ClientAuthConfig(
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("tokenSource"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TokenSource = null,
    [property: JsonPropertyName("queryParameter"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? QueryParameter = null,
    [property: JsonPropertyName("subprotocols"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Subprotocols = null)
{
    /// <summary>What a client must do under <paramref name="mode"/>, with a token from <paramref name="source"/> under <c>jwt</c>.</summary>
    public static ClientAuthConfig For(AuthMode mode, Contracts.TokenSource source) => (mode, source) switch
    {
        (AuthMode.None, _) => new(AuthModes.None, QueryParameter: Handshake.UserIdQueryParameter),
        (AuthMode.Jwt, Contracts.TokenSource.Query) => new(AuthModes.Jwt, Handshake.TokenInQuery, QueryParameter: Handshake.TokenQueryParameter),
        _ => new(AuthModes.Jwt, Handshake.TokenInSubprotocol, Subprotocols: [Handshake.Subprotocol, Handshake.TokenPlaceholder]),
    };
}

/// <summary><c>clientConfig.history</c>: <c>{"enabled": bool, "seconds": n}</c>.</summary>
/// <param name="Enabled">Whether messages are numbered and kept for <c>resume</c>.</param>
/// <param name="Seconds">How long each message is kept; 0 when history is off.</param>
public sealed record ClientHistoryConfig(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("seconds")] int Seconds);

[JsonSerializable(typeof(ClientConfig))]
public sealed partial class ClientConfigJsonContext : JsonSerializerContext;
