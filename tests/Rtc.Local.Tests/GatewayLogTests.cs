using System.Text.Json;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Local.Tests.Support;
using Rtc.Testing;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

public sealed class GatewayLogTests
{
    [Fact]
    public async Task EveryRouteIsLoggedAsOneJsonLineWithTheConnectionId()
    {
        var connections = new RecordingConnectionsHandler();
        var buffer = new StringWriter();
        var log = TextWriter.Synchronized(buffer);
        await using (var gateway = await TestGateway.StartAsync(TestGateway.Options,
                         new Dictionary<string, IInvocationHandler> { [HandlerNames.Connections] = connections }, log))
        {
            using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);
            var connectionId = (await connections.NextAsync(WebSocketRoutes.Connect)).RequestContext.ConnectionId;
            await socket.SendTextAsync("{\"action\":\"ping\"}");
            await socket.ReceiveTextAsync();
            await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            await connections.NextAsync(WebSocketRoutes.Disconnect);

            // The gateway logs a route once the function has answered, just after the stand-in saw the event.
            await Eventually.HoldsAsync(() => RouteLines(log, buffer).Count == 3, "three route lines are logged");
            var routes = RouteLines(log, buffer);
            Assert.Equal(
                [WebSocketRoutes.Connect, WebSocketRoutes.Ping, WebSocketRoutes.Disconnect],
                routes.Select(line => line.GetProperty("route").GetString()));
            Assert.All(routes, line => Assert.Equal(connectionId, line.GetProperty("connectionId").GetString()));
            Assert.Equal(["invoked", "mock", "invoked"], routes.Select(line => line.GetProperty("outcome").GetString()));
        }
    }

    private static List<JsonElement> RouteLines(TextWriter log, StringWriter buffer)
    {
        // A synchronized writer locks on itself: reading under the same lock never sees a half-written line.
        string text;
        lock (log)
        {
            text = buffer.ToString();
        }

        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(line => line.GetProperty("message").GetString() == "route")
            .ToList();
    }
}
