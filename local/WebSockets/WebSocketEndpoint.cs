using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.RateLimiting;
using Rtc.Contracts;
using Rtc.Local.Authorization;
using Rtc.Local.Connections;

namespace Rtc.Local.WebSockets;

/// <summary>
/// <c>ws://127.0.0.1:N/{stage}</c>: runs the authorizer (when configured) and <c>$connect</c> before answering the
/// upgrade, as API Gateway does, so a refusal or a non-2xx integration answer refuses the handshake with that
/// status; then hands the socket to the pump.
/// </summary>
internal sealed class WebSocketEndpoint(
    ConnectionRegistry registry,
    ProxyEventFactory events,
    RouteInvoker routes,
    ConnectionPump pump,
    RateLimiter connectLimiter,
    HandshakeAuthorizer? authorizer = null)
{
    public async Task HandleAsync(HttpContext http)
    {
        if (WebSocketHandshake.Check(http.Request) is { } invalid)
        {
            await invalid.WriteAsync(http);
            return;
        }

        using var lease = connectLimiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            await HandshakeRefusal.TooManyRequests.WriteAsync(http);
            return;
        }

        var facts = events.FactsOf(http);
        if (authorizer is not null)
        {
            // Lambda never cancels a running function: the authorizer and $connect run to completion even when the
            // client leaves during the handshake.
            var decision = await authorizer.AuthorizeAsync(events.Connect(http, facts));
            if (decision.RefusalStatus is { } refusal)
            {
                await HandshakeRefusal.ForAuthorizer(refusal).WriteAsync(http);
                return;
            }

            facts = facts with { Authorizer = decision.Context };
        }

        var outcome = await routes.InvokeAsync(events.Connect(http, facts));
        var response = outcome.Succeeded ? ParseResponse(outcome.Response) : null;
        if (response is null)
        {
            await HandshakeRefusal.InternalServerError.WriteAsync(http);
            return;
        }

        if (response.StatusCode is < 200 or > 299)
        {
            http.Response.StatusCode = response.StatusCode;
            return;
        }

        string? subProtocol = null;
        foreach (var (name, value) in response.Headers ?? [])
        {
            if (string.Equals(name, Handshake.SubprotocolHeader, StringComparison.OrdinalIgnoreCase))
            {
                subProtocol = value;
            }
            else
            {
                http.Response.Headers[name] = value;
            }
        }

        // A client that left while $connect ran leaves a connection the functions already know: it ends with
        // $disconnect, as any connection does.
        if (await AcceptAsync(http, subProtocol) is not { } socket)
        {
            await pump.LostBeforeOpenAsync(facts);
            return;
        }

        var connection = new LiveConnection(facts.ConnectionId, socket, facts.ConnectedAt, facts.SourceIp, facts.UserAgent);
        registry.Add(connection);
        await pump.RunAsync(connection, socket, facts);
    }

    // The accepted socket, or null when the client is gone.
    private static async Task<WebSocket?> AcceptAsync(HttpContext http, string? subProtocol)
    {
        if (http.RequestAborted.IsCancellationRequested)
        {
            return null;
        }

        try
        {
            // No server-initiated keep-alive pongs: API Gateway sends none, and they would hide idle clients.
            // Not disposed by the caller: the socket disposes itself once its close handshake completes, and
            // Kestrel closes the connection gracefully when the request ends. Disposing a socket that failed the
            // connection itself (close code 1002, or 1007 for invalid UTF-8 in a text frame) tore the transport
            // down before that close frame was flushed, and the client saw a bare reset.
            return await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = subProtocol, KeepAliveInterval = TimeSpan.Zero });
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            return null;
        }
    }

    private static WebSocketResponse? ParseResponse(string? json)
    {
        try
        {
            return json is null ? null : JsonSerializer.Deserialize(json, ContractsJsonContext.Default.WebSocketResponse);
        }
        catch (JsonException)
        {
            // A response Lambda cannot map is an integration error: API Gateway answers 500.
            return null;
        }
    }
}
