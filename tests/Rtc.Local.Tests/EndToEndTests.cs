namespace Rtc.Local.Tests;

/// <summary>The real functions behind the gateway, driven by real sockets and the AWS CLI.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task PublishReachesEveryConnectionOfTheUserAndNoOneElse()
    {
        await using var real = await RealGateway.StartAsync();
        using var alice1 = await ConnectAsync(real, "?user_id=alice");
        using var alice2 = await ConnectAsync(real, "?user_id=alice");
        using var bob = await ConnectAsync(real, "?user_id=bob");
        await WaitForRowsAsync(real, "alice", 2);
        await WaitForRowsAsync(real, "bob", 1);

        var result = await PublishAsync(real, """{"userId":"alice","message":{"text":"for alice"}}""");
        var toBob = await PublishAsync(real, """{"userId":"bob","message":{"text":"for bob"}}""");

        Assert.Equal(2, result.GetProperty("delivered").GetInt32());
        Assert.Equal(1, toBob.GetProperty("delivered").GetInt32());
        Assert.Equal("""{"text":"for alice"}""", await alice1.ReceiveDataAsync());
        Assert.Equal("""{"text":"for alice"}""", await alice2.ReceiveDataAsync());

        // Bob's first message is his own: alice's never reached him.
        Assert.Equal("""{"text":"for bob"}""", await bob.ReceiveDataAsync());
    }

    [Fact]
    public async Task ClosingAConnectionDeletesItsRowOnly()
    {
        await using var real = await RealGateway.StartAsync();
        using var first = await ConnectAsync(real, "?user_id=alice");
        var firstId = Assert.Single(await WaitForRowsAsync(real, "alice", 1));
        using var second = await ConnectAsync(real, "?user_id=alice");
        await WaitForRowsAsync(real, "alice", 2);

        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);

        var remaining = Assert.Single(await WaitForRowsAsync(real, "alice", 1));
        Assert.NotEqual(firstId, remaining);
    }

    [Fact]
    public async Task AbruptlyDroppedSocketIsReportedGoneAndDeletedOnTheNextPublish()
    {
        var log = new SignallingWriter("connection dropped without $disconnect");
        await using var real = await RealGateway.StartAsync(TestGateway.Options with { AbruptDrop = true }, log);
        var dropped = await ConnectAsync(real, "?user_id=alice");
        var droppedId = Assert.Single(await WaitForRowsAsync(real, "alice", 1));
        using var live = await ConnectAsync(real, "?user_id=alice");
        await WaitForRowsAsync(real, "alice", 2);

        dropped.Abort();
        dropped.Dispose();
        await log.Seen.WaitAsync(Eventually.WaitLimit);
        Assert.Contains(droppedId, await real.ConnectionsOfAsync("alice"));

        var result = await PublishAsync(real, """{"userId":"alice","message":"after the drop"}""");

        Assert.Equal(1, result.GetProperty("delivered").GetInt32());
        Assert.Equal(1, result.GetProperty("gone").GetInt32());
        Assert.DoesNotContain(droppedId, await real.ConnectionsOfAsync("alice"));
        Assert.Equal("\"after the drop\"", await live.ReceiveDataAsync());
    }

    [Fact]
    public async Task UnicodeAndHtmlReachTheSocketAsTheCallerWroteThem()
    {
        // The probe's reproduction: before, this arrived as {"t":"\u20AC \u65E5\u672C \u003Cb\u003E it\u0027s"}.
        const string Message = """{"t":"€ 日本 <b> it's"}""";
        await using var real = await RealGateway.StartAsync();
        using var socket = await ConnectAsync(real, "?user_id=alice");
        await WaitForRowsAsync(real, "alice", 1);

        var result = await PublishAsync(real, $$"""{"userId":"alice","message":{{Message}}}""");

        Assert.Equal(1, result.GetProperty("delivered").GetInt32());
        Assert.Equal(Message, await socket.ReceiveDataAsync());
    }

    [Fact]
    public async Task AnInvalidPublishRequestIsAnsweredWithItsMessageAsWritten()
    {
        await using var real = await RealGateway.StartAsync();

        var (result, response) = await LambdaCli.InvokeAsync(real.Gateway, "publisher", """{"userId":"alice"}""");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("\"FunctionError\": \"Unhandled\"", result.Output);
        Assert.Contains("""'message' is missing or null""", response);
        Assert.Contains("""{\"userId\":\"u1\",\"message\":<any JSON>}""", response);
        Assert.Equal("InvalidPublishRequest", JsonDocument.Parse(response).RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task PingGetsPongFromTheGatewayAndTheFunctionLogsNoInvocation()
    {
        var buffer = new StringWriter();
        var log = TextWriter.Synchronized(buffer);
        await using var real = await RealGateway.StartAsync(log: log);
        using var socket = await ConnectAsync(real, "?user_id=alice");

        await socket.SendTextAsync("""{"action":"ping"}""");
        var pong = await socket.ReceiveTextAsync();
        // A connection's messages are handled one after another: by the time the next message's invocation is
        // logged, an invocation for ping would have been logged before it.
        await socket.SendTextAsync("""{"action":"dance"}""");
        await Eventually.HoldsAsync(() => Task.FromResult(InvokedRoutes(log, buffer).Contains("$default")), "the $default invocation is logged");

        Assert.Equal("""{"type":"pong"}""", pong);
        Assert.Equal(["$connect", "$default"], InvokedRoutes(log, buffer));
    }

    [Fact]
    public async Task UnknownActionGetsTheErrorReply()
    {
        await using var real = await RealGateway.StartAsync();
        using var socket = await ConnectAsync(real, "?user_id=alice");

        await socket.SendTextAsync("""{"action":"dance"}""");

        var reply = JsonDocument.Parse(await socket.ReceiveTextAsync()).RootElement;
        Assert.Equal("error", reply.GetProperty("type").GetString());
        Assert.Equal("unknown_action", reply.GetProperty("error").GetString());
        Assert.Equal("dance", reply.GetProperty("action").GetString());
    }

    [Fact]
    public async Task ConnectWithoutAUserIsRefusedWith400AndStoresNothing()
    {
        await using var real = await RealGateway.StartAsync();

        Assert.Equal(400, await WebSocketClient.RefusedStatusAsync(real.Gateway.WebSocketUri));
    }

    private static List<string?> InvokedRoutes(TextWriter log, StringWriter buffer)
    {
        // A synchronized writer locks on itself: reading under the same lock never sees a half-written line.
        string text;
        lock (log)
        {
            text = buffer.ToString();
        }

        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(line => line.GetProperty("message").GetString() == "invocation")
            .Select(line => line.GetProperty("route").GetString())
            .ToList();
    }

    internal static Task<ClientWebSocket> ConnectAsync(RealGateway real, string query) =>
        WebSocketClient.ConnectAsync(new Uri(real.Gateway.WebSocketUri + query));

    internal static async Task<IReadOnlyList<string>> WaitForRowsAsync(RealGateway real, string userId, int count)
    {
        IReadOnlyList<string> rows = [];
        await Eventually.HoldsAsync(async () => (rows = await real.ConnectionsOfAsync(userId)).Count == count, $"{userId} has {count} stored connections");
        return rows;
    }

    internal static async Task<JsonElement> PublishAsync(RealGateway real, string payload)
    {
        var (result, response) = await LambdaCli.InvokeAsync(real.Gateway, "publisher", payload);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain("FunctionError", result.Output);
        return JsonDocument.Parse(response).RootElement;
    }
}
