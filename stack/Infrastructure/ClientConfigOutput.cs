using System.Text.Json.Nodes;
using Rtc.Functions.Configuration;
using Rtc.Functions.Contracts;
using Rtc.Stack.Configuration;

namespace Rtc.Stack.Infrastructure;

/// <summary>
/// The <c>clientConfig</c> output: everything a client needs to connect (url, stage, region, heartbeat), how
/// to identify itself, and whether the server keeps history to resume from (and for how many seconds).
/// </summary>
internal static class ClientConfigOutput
{
    /// <summary>
    /// API Gateway's maximum WebSocket connection duration (2 hours, a fixed quota): clients roll over to a new
    /// connection before it.
    /// </summary>
    public static readonly int MaxConnectionSeconds = (int)WebSocketQuotas.MaxConnectionDuration.TotalSeconds;

    /// <summary>Builds the output value.</summary>
    public static JsonObject Build(StackSettings settings, string url, string stage, string region) => new()
    {
        ["url"] = url,
        ["stage"] = stage,
        ["region"] = region,
        ["heartbeatSeconds"] = settings.HeartbeatSeconds,
        ["maxConnectionSeconds"] = MaxConnectionSeconds,
        ["auth"] = Auth(settings.Auth),
        ["history"] = new JsonObject { ["enabled"] = settings.HistoryEnabled, ["seconds"] = settings.HistorySeconds },
    };

    private static JsonObject Auth(AuthSettings auth) => (auth.Mode, auth.TokenSource) switch
    {
        (AuthMode.None, _) => new JsonObject { ["mode"] = AuthModes.None, ["queryParameter"] = Handshake.UserIdQueryParameter },
        (AuthMode.Jwt, TokenSource.Query) => new JsonObject
        {
            ["mode"] = AuthModes.Jwt,
            ["tokenSource"] = Handshake.TokenInQuery,
            ["queryParameter"] = Handshake.TokenQueryParameter,
        },
        _ => new JsonObject
        {
            ["mode"] = AuthModes.Jwt,
            ["tokenSource"] = Handshake.TokenInSubprotocol,
            ["subprotocols"] = new JsonArray(Handshake.Subprotocol, Handshake.TokenPlaceholder),
        },
    };
}
