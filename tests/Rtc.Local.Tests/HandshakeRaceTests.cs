using Microsoft.Extensions.DependencyInjection;

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
                await UnsignedPublisher.PublishAsync(real.Gateway, $$$"""{"userId":"alice","message":{"publisher":{{{publisher}}},"n":{{{published++}}}}}""");
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

            var final = await UnsignedPublisher.PublishAsync(real.Gateway, """{"userId":"alice","message":"final"}""");

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

    [Fact]
    public async Task APublishWhosePostMeetsTheHandshakeIsDeliveredOnceItCompletesAndTheRowStays()
    {
        // The race made certain: $connect stores the row, a publish lists it and posts while the handshake waits
        // for $connect to return (410), and only once the publisher has judged that 410 does $connect return.
        var store = new RacingStore(new InMemoryConnectionStore());
        await using var gateway = await LocalGateway.StartAsync(TestGateway.Options with { RequireSignature = false }, services =>
        {
            services.AddSingleton(new FunctionLogger(TextWriter.Null, TimeProvider.System));
            services.AddSingleton<IConnectionStore>(store);
        });
        store.RacingPublish = () => UnsignedPublisher.PublishAsync(gateway, """{"userId":"alice","message":"racing"}""");

        using var socket = await WebSocketClient.ConnectAsync(new Uri(gateway.WebSocketUri + "?user_id=alice"));
        var racing = await store.Publish!;

        Assert.Equal((1, 1, 0), (racing.GetProperty("connections").GetInt32(), racing.GetProperty("delivered").GetInt32(), racing.GetProperty("gone").GetInt32()));
        Assert.Equal("\"racing\"", await socket.ReceiveDataAsync());
        Assert.Single(await store.ListConnectionIdsAsync("alice"));
        await UnsignedPublisher.PublishAsync(gateway, """{"userId":"alice","message":"next"}""");
        Assert.Equal("\"next\"", await socket.ReceiveDataAsync());
    }

    private GatewayOptions Options(string storage) => UnsignedPublisher.Options(storage, dynamo);

    /// <summary>
    /// The connection store, holding the first <c>AddAsync</c> after its row is stored until a publish started
    /// then (<see cref="RacingPublish"/>) has met the 410 and judged it: read the row's age, or removed the row.
    /// </summary>
    private sealed class RacingStore(IConnectionStore store) : IConnectionStore
    {
        private readonly TaskCompletionSource judged = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? racing;

        public Func<Task<JsonElement>>? RacingPublish { get; set; }

        /// <summary>The racing publish, once started.</summary>
        public Task<JsonElement>? Publish { get; private set; }

        public async Task<bool> AddAsync(Connection connection, CancellationToken cancellationToken = default)
        {
            var added = await store.AddAsync(connection, cancellationToken);
            if (added && RacingPublish is { } publish && Interlocked.CompareExchange(ref racing, connection.ConnectionId, null) is null)
            {
                Publish = publish();
                await judged.Task.WaitAsync(Eventually.WaitLimit, cancellationToken);
            }

            return added;
        }

        public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
        {
            Judged(connectionId);
            return store.RemoveAsync(connectionId, cancellationToken);
        }

        public Task<DateTimeOffset?> GetConnectedAtAsync(string connectionId, CancellationToken cancellationToken = default)
        {
            Judged(connectionId);
            return store.GetConnectedAtAsync(connectionId, cancellationToken);
        }

        public Task<string?> GetUserIdAsync(string connectionId, CancellationToken cancellationToken = default) =>
            store.GetUserIdAsync(connectionId, cancellationToken);

        public Task<IReadOnlyList<string>> ListConnectionIdsAsync(string userId, CancellationToken cancellationToken = default) =>
            store.ListConnectionIdsAsync(userId, cancellationToken);

        private void Judged(string connectionId)
        {
            if (connectionId == Volatile.Read(ref racing))
            {
                judged.TrySetResult();
            }
        }
    }
}
