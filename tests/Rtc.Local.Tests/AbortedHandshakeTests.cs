using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;
using Rtc.Local.Hosting;
using Rtc.Testing;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

/// <summary>Clients that leave during the handshake, while <c>$connect</c> is running.</summary>
[Collection(DynamoDbLocal.Collection)]
public sealed class AbortedHandshakeTests(DynamoDbLocal dynamo)
{
    private const int Handshakes = 100;

    // Lambda never cancels a running function, so $connect stores its row even when the client has gone; the
    // gateway must then send $disconnect, as for any connection that ends, or the row stays until its TTL.
    [Fact]
    public async Task HandshakesAbortedWithAResetLeaveNoRowsBehind()
    {
        var table = $"aborted-{Guid.NewGuid():N}";
        var options = TestGateway.Options with { DynamoDbEndpoint = new Uri(dynamo.Endpoint), TableName = table };
        using var ended = new EndedConnections();
        await using var gateway = await LocalGateway.StartAsync(options, services =>
        {
            services.AddSingleton(new FunctionLogger(TextWriter.Null, TimeProvider.System));
            services.AddSingleton<IConnectionStore>(provider =>
                new HeldStore(new DynamoDbConnectionStore(provider.GetRequiredService<IAmazonDynamoDB>(), options.TableName)));
        });
        var store = (HeldStore)gateway.Services.GetRequiredService<IConnectionStore>();
        var port = gateway.Options.Port;

        // Each client resets its connection once its $connect is running (its write held at the store), so every
        // $connect provably outlives its client.
        for (var index = 0; index < Handshakes; index++)
        {
            await AbortDuringConnectAsync(port, $"/{gateway.Options.Stage}?user_id=aborted-{index}", store);
        }

        store.Release();

        // Done means every request is over (Kestrel ends a connection only once its request delegate has
        // returned) and every write $connect started has finished, whether or not the gateway still waited for it.
        await ended.WaitForAsync(port, Handshakes);
        await Eventually.HoldsAsync(() => Task.FromResult(store.Unfinished == 0), "every $connect write has finished");
        var rows = await dynamo.Client.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true });

        Assert.Equal(0, rows.Count);
    }

    // The probe's client: the upgrade request, then a close with SO_LINGER 0, which sends a TCP reset.
    private static async Task AbortDuringConnectAsync(int port, string target, HeldStore store)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { LingerState = new LingerOption(true, 0) };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        var request = $"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
                      $"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {RawHandshake.ValidKey}\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        await store.NextWriteAsync();
        socket.Close();
    }

    /// <summary>
    /// The real store, with every <c>AddAsync</c> held until <see cref="Release"/> and then completed whatever the
    /// cancellation token says, as a DynamoDB write already on the wire completes.
    /// </summary>
    private sealed class HeldStore(IConnectionStore store) : IConnectionStore
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Channel<string> started = Channel.CreateUnbounded<string>();
        private int unfinished;

        public int Unfinished => Volatile.Read(ref unfinished);

        public void Release() => released.TrySetResult();

        /// <summary>Waits until one more write has reached the store; fails after a deadline.</summary>
        public async Task NextWriteAsync()
        {
            using var deadline = new CancellationTokenSource(Eventually.WaitLimit);
            await started.Reader.ReadAsync(deadline.Token);
        }

        public async Task<bool> AddAsync(Connection connection, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref unfinished);
            started.Writer.TryWrite(connection.ConnectionId);
            try
            {
                await released.Task;
                return await store.AddAsync(connection, CancellationToken.None);
            }
            finally
            {
                Interlocked.Decrement(ref unfinished);
            }
        }

        public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default) => store.RemoveAsync(connectionId, cancellationToken);

        public Task<string?> GetUserIdAsync(string connectionId, CancellationToken cancellationToken = default) => store.GetUserIdAsync(connectionId, cancellationToken);

        public Task<IReadOnlyList<string>> ListConnectionIdsAsync(string userId, CancellationToken cancellationToken = default) =>
            store.ListConnectionIdsAsync(userId, cancellationToken);
    }

    /// <summary>Kestrel's own count of the connections it has finished with, per port (its kestrel.connection.duration metric).</summary>
    private sealed class EndedConnections : IDisposable
    {
        private const string KestrelMeter = "Microsoft.AspNetCore.Server.Kestrel";
        private const string ConnectionDuration = "kestrel.connection.duration";
        private readonly MeterListener listener = new();
        private readonly Dictionary<int, int> endedByPort = [];
        private readonly List<(int Port, int Count, TaskCompletionSource Reached)> waiters = [];

        public EndedConnections()
        {
            listener.InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == KestrelMeter && instrument.Name == ConnectionDuration)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Record(tags));
            listener.Start();
        }

        /// <summary>Waits until <paramref name="count"/> connections on <paramref name="port"/> have ended; fails after a deadline.</summary>
        public Task WaitForAsync(int port, int count)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (endedByPort)
            {
                if (endedByPort.GetValueOrDefault(port) >= count)
                {
                    return Task.CompletedTask;
                }

                waiters.Add((port, count, reached));
            }

            return reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }

        public void Dispose() => listener.Dispose();

        private void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            int? port = null;
            foreach (var (name, value) in tags)
            {
                if (name == "server.port" && value is int number)
                {
                    port = number;
                }
            }

            if (port is not { } ended)
            {
                return;
            }

            lock (endedByPort)
            {
                var total = endedByPort[ended] = endedByPort.GetValueOrDefault(ended) + 1;
                foreach (var waiter in waiters.Where(waiter => waiter.Port == ended && total >= waiter.Count).ToList())
                {
                    waiter.Reached.TrySetResult();
                    waiters.Remove(waiter);
                }
            }
        }
    }
}
