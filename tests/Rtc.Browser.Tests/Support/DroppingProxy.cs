using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Rtc.Browser.Tests.Support;

/// <summary>
/// A loopback TCP proxy in front of the gateway that can cut every connection through it at once with a reset:
/// no close frame, no FIN, as when a phone changes networks. Both ends see the connection vanish, so the gateway
/// treats it as an abrupt drop (with <c>--abrupt-drop</c>, without <c>$disconnect</c>). While
/// <see cref="Refusing"/>, new connections are reset as they arrive: the network is down.
/// </summary>
public sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<Socket, Socket> links = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly int targetPort;
    private readonly Task accepting;
    private volatile bool refusing;

    private DroppingProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    /// <summary>The proxy's address: the gateway's pages and WebSocket API, reached through the proxy.</summary>
    public Uri BaseUri { get; }

    /// <summary>Whether new connections are reset as they arrive.</summary>
    public bool Refusing
    {
        get => refusing;
        set => refusing = value;
    }

    /// <summary>Starts a proxy to the loopback port of <paramref name="target"/>.</summary>
    public static DroppingProxy To(Uri target) => new(target.Port);

    /// <summary>Resets every connection through the proxy, on both sides.</summary>
    public void DropAll()
    {
        foreach (var (client, server) in links)
        {
            Reset(client);
            Reset(server);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        DropAll();
        await accepting;
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (refusing)
            {
                Reset(client);
                continue;
            }

            _ = LinkAsync(client);
        }
    }

    private async Task LinkAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
            links[client] = server;
            // Each direction ends with its side's close, or with a reset by DropAll.
            await Task.WhenAll(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The link is gone; both sockets are closed below.
        }
        finally
        {
            links.TryRemove(client, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read));
            }

            // A clean close on one side is passed on as a clean close.
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Reset by DropAll, or by the other side.
        }
    }

    // A linger time of zero makes Close send RST instead of FIN: the peer sees the connection reset.
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }
    }
}
