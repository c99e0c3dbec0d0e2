using System.Net.WebSockets;
using Rtc.Local.Configuration;
using Rtc.Local.Tests.Support;
using Rtc.Testing;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

/// <summary>
/// Publishes racing handshakes through the gateway with the real functions: the gateway answers 410 for a connection
/// whose <c>$connect</c> has stored its row but whose handshake has not completed, as API Gateway does, and no such
/// 410 may cost an opening connection its row, so every socket that opens receives every later publish.
/// </summary>
[Collection(DynamoDbLocal.Collection)]
public sealed class HandshakeRaceTests(DynamoDbLocal dynamo)
{
    private const int Publishers = 4;

    [Theory]
    [InlineData("memory", 200)]
    [InlineData("dynamodb", 100)]
    public async Task EverySocketThatOpensWhilePublishersHammerItsUserReceivesTheNextPublish(string storage, int sockets)
    {
        await using var real = await RealGateway.StartAsync(Options(storage));
        var open = new List<ClientWebSocket>();
        using var connecting = new CancellationTokenSource();
        var hammering = Enumerable.Range(0, Publishers).Select(publisher => Task.Run(async () =>
        {
            var published = 0;
            // Publishes until the sockets are open, so some posts meet handshakes in progress.
            while (!connecting.IsCancellationRequested)
            {
                await UnsignedPublisher.PublishAsync(real, $$$"""{"userId":"alice","message":{"publisher":{{{publisher}}},"n":{{{published++}}}}}""");
            }

            return published;
        })).ToList();

        try
        {
            for (var index = 0; index < sockets; index++)
            {
                open.Add(await EndToEndTests.ConnectAsync(real, "?user_id=alice"));
            }

            await connecting.CancelAsync();
            Assert.All(await Task.WhenAll(hammering), published => Assert.True(published > 0));

            var final = await UnsignedPublisher.PublishAsync(real, """{"userId":"alice","message":"final"}""");

            Assert.Equal((sockets, sockets), (final.GetProperty("connections").GetInt32(), final.GetProperty("delivered").GetInt32()));
            foreach (var socket in open)
            {
                // Every socket drains what the hammering sent it, then gets the final message.
                while (await socket.ReceiveDataAsync() != "\"final\"")
                {
                }
            }
        }
        finally
        {
            await connecting.CancelAsync();
            foreach (var socket in open)
            {
                socket.Dispose();
            }
        }
    }

    private GatewayOptions Options(string storage) => UnsignedPublisher.Options(storage, dynamo);
}
