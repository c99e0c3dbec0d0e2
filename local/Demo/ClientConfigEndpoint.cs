using Rtc.Contracts;
using Rtc.Local.Configuration;

namespace Rtc.Local.Demo;

/// <summary>
/// <c>GET /@local/client-config</c>: the stack's <c>clientConfig</c> output as the running gateway would have
/// it, so a client (the demo page, or an application under development) is configured exactly as on AWS.
/// </summary>
internal sealed class ClientConfigEndpoint(GatewayOptions options)
{
    /// <summary>
    /// The configuration for a client that reached the gateway at <paramref name="host"/> (<c>127.0.0.1:3001</c>):
    /// the WebSocket URL uses the same host, as API Gateway's URL is the one the client was given. The heartbeat
    /// is the stack's default, or half of <c>--idle-timeout</c> when that is shorter, so the client stays connected.
    /// </summary>
    public static ClientConfig Build(GatewayOptions options, string host) => new(
        $"ws://{host}/{options.Stage}",
        options.Stage,
        options.Region,
        (int)Math.Clamp(options.IdleTimeout.TotalSeconds / 2, 1, ClientConfig.DefaultHeartbeatSeconds),
        (int)Math.Max(1, options.MaxDuration.TotalSeconds),
        // The stack's choice for browsers: the token as the second subprotocol, out of URLs and access logs.
        ClientAuthConfig.For(options.Auth, TokenSource.Protocol),
        new ClientHistoryConfig(options.HistoryEnabled, options.HistorySeconds));

    /// <summary>Answers with the configuration for the host the request came to.</summary>
    public Task HandleAsync(HttpContext http)
    {
        var host = http.Request.Host.HasValue ? http.Request.Host.Value : $"127.0.0.1:{options.Port}";
        http.Response.ContentType = "application/json";
        // The port or the options may differ at the next start: never cached.
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.Body.WriteAsync(
            JsonOutput.SerializeToUtf8Bytes(Build(options, host), ClientConfigJsonContext.Default.ClientConfig), http.RequestAborted).AsTask();
    }
}
