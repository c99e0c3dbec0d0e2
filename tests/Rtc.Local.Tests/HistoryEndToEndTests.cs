using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rtc.Local.Configuration;
using Rtc.Testing;
using Rtc.Testing.Gateway;
using Rtc.Local.Tests.Support;

namespace Rtc.Local.Tests;

/// <summary>
/// History and resume through the gateway with the real functions and real WebSocket clients, on both stores: a client
/// that was away gets what it missed, in order, once.
/// </summary>
[Collection(DynamoDbLocal.Collection)]
public sealed class HistoryEndToEndTests(DynamoDbLocal dynamo)
{
    private const int Missed = 50;

    [Theory]
    [InlineData("memory")]
    [InlineData("dynamodb")]
    public async Task AClientThatReconnectsAndResumesReceivesExactlyTheMessagesItMissedInOrderOnce(string storage)
    {
        await using var real = await RealGateway.StartAsync(Options(storage));
        (string Epoch, long Seq) position;
        using (var before = await EndToEndTests.ConnectAsync(real, "?user_id=alice"))
        {
            await EndToEndTests.WaitForRowsAsync(real, "alice", 1);
            await PublishAsync(real, "alice", "before the drop");
            var live = Read(await before.ReceiveTextAsync());
            position = (live.GetProperty("epoch").GetString()!, live.GetProperty("seq").GetInt64());
            await before.CloseAsync(WebSocketCloseStatus.NormalClosure, "network change", CancellationToken.None);
        }

        await EndToEndTests.WaitForRowsAsync(real, "alice", 0);
        for (var index = 0; index < Missed; index++)
        {
            var result = await PublishAsync(real, "alice", $"missed {index}");
            Assert.Equal((1, 0), (result.GetProperty("stored").GetInt32(), result.GetProperty("connections").GetInt32()));
        }

        using var after = await EndToEndTests.ConnectAsync(real, "?user_id=alice");
        await EndToEndTests.WaitForRowsAsync(real, "alice", 1);
        await after.SendTextAsync($$"""{"action":"resume","epoch":"{{position.Epoch}}","after":{{position.Seq}}}""");
        var replayed = new List<(long Seq, string Data)>();
        JsonElement frame;
        do
        {
            frame = Read(await after.ReceiveTextAsync());
            Assert.Equal(("replay", position.Epoch), (frame.GetProperty("type").GetString(), frame.GetProperty("epoch").GetString()));
            replayed.AddRange(frame.GetProperty("messages").EnumerateArray()
                .Select(message => (message.GetProperty("seq").GetInt64(), message.GetProperty("data").GetString()!)));
        }
        while (frame.GetProperty("more").GetBoolean());

        Assert.Equal(Enumerable.Range(0, Missed).Select(index => (position.Seq + 1 + index, $"missed {index}")), replayed);

        // Nothing else was queued for the socket: the next frame is the next live message, numbered after the replay.
        await PublishAsync(real, "alice", "live again");
        var next = Read(await after.ReceiveTextAsync());
        Assert.Equal(("message", position.Seq + Missed + 1, "live again"),
            (next.GetProperty("type").GetString(), next.GetProperty("seq").GetInt64(), next.GetProperty("data").GetString()));
    }

    [Fact]
    public async Task AFirstConnectionAsksWithoutAPositionAndGetsItsBaseline()
    {
        await using var real = await RealGateway.StartAsync(Options("memory"));
        using var alice = await EndToEndTests.ConnectAsync(real, "?user_id=alice");
        await EndToEndTests.WaitForRowsAsync(real, "alice", 1);
        await PublishAsync(real, "alice", "one");
        var live = Read(await alice.ReceiveTextAsync());

        await alice.SendTextAsync("""{"action":"resume"}""");

        var baseline = Read(await alice.ReceiveTextAsync());
        Assert.Equal(("position", live.GetProperty("epoch").GetString(), 1L),
            (baseline.GetProperty("type").GetString(), baseline.GetProperty("epoch").GetString(), baseline.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task WithHistoryOffMessagesCarryNoPositionAndAResumeGetsResetHistoryDisabled()
    {
        await using var real = await RealGateway.StartAsync(Options("memory") with { HistorySeconds = 0 });
        using var alice = await EndToEndTests.ConnectAsync(real, "?user_id=alice");
        await EndToEndTests.WaitForRowsAsync(real, "alice", 1);

        var result = await PublishAsync(real, "alice", "unnumbered");
        var live = await alice.ReceiveTextAsync();
        await alice.SendTextAsync("""{"action":"resume","epoch":"q8Zk3vYp0aR2mW7x","after":41}""");

        Assert.Equal(0, result.GetProperty("stored").GetInt32());
        Assert.Equal("""{"type":"message","data":"unnumbered"}""", live);
        Assert.Equal("""{"type":"reset","epoch":null,"seq":0,"reason":"history_disabled"}""", await alice.ReceiveTextAsync());
    }

    [Fact]
    public async Task AMalformedResumeGetsInvalidResume()
    {
        await using var real = await RealGateway.StartAsync(Options("memory"));
        using var alice = await EndToEndTests.ConnectAsync(real, "?user_id=alice");
        await EndToEndTests.WaitForRowsAsync(real, "alice", 1);

        await alice.SendTextAsync("""{"action":"resume","epoch":"q8Zk3vYp0aR2mW7x","after":"41"}""");

        Assert.Equal("""{"type":"error","error":"invalid_resume"}""", await alice.ReceiveTextAsync());
    }

    // Unsigned: fifty AWS CLI processes would take most of a minute, and signing is the Invoke API tests' business.
    private GatewayOptions Options(string storage) => storage == "dynamodb"
        ? TestGateway.Options with
        {
            RequireSignature = false,
            DynamoDbEndpoint = new Uri(dynamo.Endpoint),
            TableName = $"history-e2e-{Guid.NewGuid():N}",
            HistoryTableName = $"history-e2e-{Guid.NewGuid():N}",
        }
        : TestGateway.Options with { RequireSignature = false };

    private static async Task<JsonElement> PublishAsync(RealGateway real, string userId, string message)
    {
        using var http = new HttpClient();
        var payload = new JsonObject { ["userId"] = userId, ["message"] = message }.ToJsonString();
        using var response = await http.PostAsync(new Uri(real.Gateway.BaseUri, "2015-03-31/functions/publisher/invocations"),
            new StringContent(payload, Encoding.UTF8));
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"), await response.Content.ReadAsStringAsync());
        return Read(await response.Content.ReadAsStringAsync());
    }

    private static JsonElement Read(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
