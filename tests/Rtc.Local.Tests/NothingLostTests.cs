using System.Text.Json.Nodes;

namespace Rtc.Local.Tests;

public sealed class NothingLostTests
{
    private const int Users = 20;
    private const int ConnectionsPerUser = 10;
    private const int Publishes = 10;

    [Fact]
    public async Task TwoThousandMessagesToTwoHundredConnectionsArriveExactlyOnceDespiteInjectedThrottling()
    {
        var options = TestGateway.Options with { Faults = new FaultOptions { ThrottleRate = 0.05 } };
        var throttled = new SignallingWriter("\"status\":429");
        await using var real = await RealGateway.StartAsync(options, throttled);
        var users = Enumerable.Range(0, Users).Select(index => $"user-{index}").ToArray();
        var sockets = new List<ClientWebSocket>();
        foreach (var user in users)
        {
            for (var index = 0; index < ConnectionsPerUser; index++)
            {
                sockets.Add(await EndToEndTests.ConnectAsync(real, $"?user_id={user}"));
            }
        }

        foreach (var user in users)
        {
            await EndToEndTests.WaitForRowsAsync(real, user, ConnectionsPerUser);
        }

        var readers = sockets.Select(ReadUntilEndAsync).ToList();
        for (var sequence = 0; sequence < Publishes; sequence++)
        {
            var result = await PublishToAllAsync(real, users, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Users * ConnectionsPerUser, result.GetProperty("delivered").GetInt32());
            Assert.Equal(0, result.GetProperty("failed").GetArrayLength());
        }

        // A last message marks the end: each socket's messages arrive in order, so everything before it is counted.
        await PublishToAllAsync(real, users, "end");
        var received = await Task.WhenAll(readers);

        var expected = Enumerable.Range(0, Publishes).Select(sequence => sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(received, messages => Assert.Equal(expected, messages));
        Assert.Equal(Users * ConnectionsPerUser * Publishes, received.Sum(messages => messages.Count));
        Assert.InRange(throttled.Count, 1, Users * ConnectionsPerUser * (Publishes + 1) / 5);
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
    }

    private static Task<JsonElement> PublishToAllAsync(RealGateway real, string[] users, string sequence) =>
        EndToEndTests.PublishAsync(real, new JsonObject
        {
            ["userIds"] = new JsonArray([.. users.Select(user => JsonValue.Create(user))]),
            ["message"] = new JsonObject { ["seq"] = sequence },
        }.ToJsonString());

    private static async Task<List<string>> ReadUntilEndAsync(ClientWebSocket socket)
    {
        var messages = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var data = await socket.ReceiveDataAsync().WaitAsync(deadline.Token);
            var sequence = JsonDocument.Parse(data).RootElement.GetProperty("seq").GetString()!;
            if (sequence == "end")
            {
                return messages;
            }

            messages.Add(sequence);
        }
    }
}
