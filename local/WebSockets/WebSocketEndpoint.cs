using System.Text.Json;
using System.Threading.RateLimiting;
using Rtc.Functions.Contracts;
using Rtc.Local.Authorization;
using Rtc.Local.Connections;
using Rtc.Local.Http;

namespace Rtc.Local.WebSockets;

/// <summary>
/// <c>ws://127.0.0.1:N/{stage}</c>: runs the authorizer (when configured) and <c>$connect</c> before answering the
/// upgrade, as API Gateway does, so a refusal or a non-2xx integration answer refuses the handshake with that
/// status; then hands the socket to the pump.
/// </summary>
public sealed class WebSocketEndpoint(
    ConnectionRegistry registry,
    ProxyEventFactory events,
    RouteInvoker routes,
    ConnectionPump pump,
    RateLimiter connectLimiter,
    HandshakeAuthorizer? authorizer = null)
{
    /// <summary>Handles one upgrade request.</summary>
    public async Task HandleAsync(HttpContext http)
    {
        using var lease = connectLimiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            await AwsErrorResponses.WriteAsync(http, StatusCodes.Status429TooManyRequests, "LimitExceededException", "Too Many Requests");
            return;
        }

        var facts = events.FactsOf(http);
        if (authorizer is not null)
        {
            var decision = await authorizer.AuthorizeAsync(events.Connect(http, facts), http.RequestAborted);
            if (decision.RefusalStatus is { } refusal)
            {
                http.Response.StatusCode = refusal;
                return;
            }

            facts = facts with { Authorizer = decision.Context };
        }

        var outcome = await routes.InvokeAsync(events.Connect(http, facts), http.RequestAborted);
        var response = outcome.Succeeded ? ParseResponse(outcome.Response) : null;
        if (response is null)
        {
            await AwsErrorResponses.WriteAsync(http, StatusCodes.Status500InternalServerError, "InternalServerErrorException", "Internal server error");
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

        // No server-initiated keep-alive pongs: API Gateway sends none, and they would hide idle clients.
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = subProtocol, KeepAliveInterval = TimeSpan.Zero });
        var connection = new LiveConnection(facts.ConnectionId, socket, facts.ConnectedAt, facts.SourceIp, facts.UserAgent);
        registry.Add(connection);
        await pump.RunAsync(connection, socket, facts);
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
