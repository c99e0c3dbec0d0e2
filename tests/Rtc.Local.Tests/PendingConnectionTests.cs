using System.Net;
using System.Text.Json;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Local.Tests.Support;
using Rtc.Testing;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

/// <summary>The management API for a connection whose <c>$connect</c> has not returned yet.</summary>
public sealed class PendingConnectionTests
{
    // API Gateway developer guide ($connect and $disconnect routes): "Until execution of the integration
    // associated with the $connect route is completed, the upgrade request is pending and the actual connection
    // will not be established." AWS knowledge center (410 GoneException): a message posted before the connection
    // is established gets 410, so a handler cannot greet its client from $connect.
    [Fact]
    public async Task PostAndGetFromInsideConnectAreGone()
    {
        using var http = new HttpClient();
        var connections = new GreetingConnections(http);
        await using var gateway = await TestGateway.StartAsync(TestGateway.Options with { RequireSignature = false },
            new Dictionary<string, IInvocationHandler> { [HandlerNames.Connections] = connections });

        using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);
        var (post, get) = await connections.Answers.Task.WaitAsync(Eventually.WaitLimit);
        using var after = await http.PostAsync(connections.ConnectionUri!, new StringContent("after $connect"));

        Assert.Equal((HttpStatusCode.Gone, "GoneException"), post);
        Assert.Equal((HttpStatusCode.Gone, "GoneException"), get);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);

        // The first message the client receives is the one posted after $connect: the greeting never got through.
        Assert.Equal("after $connect", await socket.ReceiveTextAsync());
    }

    /// <summary>A connections function whose <c>$connect</c> tries to greet its own connection, then accepts it.</summary>
    private sealed class GreetingConnections(HttpClient http) : IInvocationHandler
    {
        public TaskCompletionSource<((HttpStatusCode, string), (HttpStatusCode, string))> Answers { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Uri? ConnectionUri { get; private set; }

        public async Task<string> HandleAsync(string eventJson, InvocationContext context, CancellationToken cancellationToken = default)
        {
            var request = JsonSerializer.Deserialize(eventJson, ContractsJsonContext.Default.WebSocketRequest)!;
            var requestContext = request.RequestContext;
            if (requestContext.RouteKey == WebSocketRoutes.Connect)
            {
                ConnectionUri = new Uri($"http://{requestContext.DomainName}/{requestContext.Stage}/@connections/{Uri.EscapeDataString(requestContext.ConnectionId!)}");
                using var post = await http.PostAsync(ConnectionUri, new StringContent("welcome"), cancellationToken);
                using var get = await http.GetAsync(ConnectionUri, cancellationToken);
                Answers.TrySetResult(((post.StatusCode, ErrorType(post)), (get.StatusCode, ErrorType(get))));
            }

            return JsonSerializer.Serialize(new WebSocketResponse { StatusCode = 200 }, ContractsJsonContext.Default.WebSocketResponse);
        }

        private static string ErrorType(HttpResponseMessage response) =>
            response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.Single() : "";
    }
}
