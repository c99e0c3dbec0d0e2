using System.Net;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Local.Configuration;
using Rtc.Local.Tests.Support;
using Rtc.Testing;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

public sealed class FaultInjectionTests
{
    [Theory]
    [InlineData(1.0, 0.0, HttpStatusCode.TooManyRequests, "LimitExceededException")]
    [InlineData(0.0, 1.0, HttpStatusCode.InternalServerError, "InternalServerErrorException")]
    public async Task InjectedFaultsAnswerLikeTheManagementApi(double throttleRate, double errorRate, HttpStatusCode status, string errorType)
    {
        var connections = new RecordingConnectionsHandler();
        var faults = new FaultOptions { ThrottleRate = throttleRate, ErrorRate = errorRate };
        await using var gateway = await TestGateway.StartAsync(connections, TestGateway.Options with { RequireSignature = false, Faults = faults });
        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);
        var connectionId = (await connections.NextAsync(WebSocketRoutes.Connect)).RequestContext.ConnectionId!;
        using var http = new HttpClient();

        using var response = await http.PostAsync(gateway.ManagementEndpoint + "/@connections/" + Uri.EscapeDataString(connectionId), new StringContent("x"));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(errorType, response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task AbruptDropModeForgetsASocketWithoutDisconnect()
    {
        var connections = new RecordingConnectionsHandler();
        var log = new SignallingWriter("connection dropped without $disconnect");
        await using var gateway = await TestGateway.StartAsync(TestGateway.Options with { RequireSignature = false, AbruptDrop = true },
            new Dictionary<string, IInvocationHandler> { [HandlerNames.Connections] = connections }, log);
        var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);
        var connectionId = (await connections.NextAsync(WebSocketRoutes.Connect)).RequestContext.ConnectionId!;
        using var http = new HttpClient();

        socket.Abort();
        socket.Dispose();
        await log.Seen.WaitAsync(Eventually.WaitLimit);
        using var response = await http.PostAsync(gateway.ManagementEndpoint + "/@connections/" + Uri.EscapeDataString(connectionId), new StringContent("x"));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.DoesNotContain(connections.RawEvents, json => json.Contains("\"routeKey\":\"$disconnect\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutAbruptDropModeADroppedSocketStillSendsDisconnectWith1006()
    {
        var connections = new RecordingConnectionsHandler();
        await using var gateway = await TestGateway.StartAsync(connections);
        var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);

        socket.Abort();
        socket.Dispose();

        Assert.Equal(1006, (await connections.NextAsync(WebSocketRoutes.Disconnect)).RequestContext.DisconnectStatusCode);
    }
}
