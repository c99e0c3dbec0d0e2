using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Microsoft.AspNetCore.Connections;
using Rtc.Functions.Runtime;
using Rtc.Local.Authorization;
using Rtc.Local.Configuration;
using Rtc.Local.Connections;

namespace Rtc.Local.Hosting;

/// <summary>
/// API Gateway's WebSocket API, its management API and Lambda's Invoke API on one loopback port, with the
/// functions hosted in-process. Started by <c>Program</c> and, in-process, by the tests.
/// </summary>
public sealed class LocalGateway : IAsyncDisposable
{
    // How many free ports StartAsync picks before a taken one is reported (each pick is the OS's own free port).
    private const int MaxPortPicks = 5;

    private readonly WebApplication app;

    private LocalGateway(WebApplication app, GatewayOptions options)
    {
        this.app = app;
        Options = options;
        BaseUri = new Uri($"http://127.0.0.1:{options.Port}");
        WebSocketUri = new Uri($"ws://127.0.0.1:{options.Port}/{options.Stage}");
        ManagementEndpoint = ManagementEndpointOf(options);
    }

    /// <summary>The options the gateway runs with (the port resolved).</summary>
    public GatewayOptions Options { get; }

    /// <summary>The gateway's services: the functions, the connection store, the endpoints.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>The JWT settings and token minting of <c>--auth jwt</c>; null without it.</summary>
    internal LocalAuth? Auth => Services.GetService<LocalAuth>();

    internal ConnectionRegistry Connections => Services.GetRequiredService<ConnectionRegistry>();

    /// <summary><c>http://127.0.0.1:N</c>: the Lambda Invoke API's endpoint.</summary>
    public Uri BaseUri { get; }

    /// <summary><c>ws://127.0.0.1:N/{stage}</c>.</summary>
    public Uri WebSocketUri { get; }

    /// <summary><c>http://127.0.0.1:N/{stage}</c>: the management API's endpoint.</summary>
    public Uri ManagementEndpoint { get; }

    /// <summary>
    /// Starts the gateway; returns once it accepts connections. With a DynamoDB endpoint, creates the tables
    /// first when they are missing. <paramref name="configureServices"/> runs after the gateway's own
    /// registrations, so what it registers replaces them: a function is the keyed
    /// <see cref="IInvocationHandler"/> of its name, and the log goes to the registered <see cref="FunctionLogger"/>.
    /// Throws <see cref="GatewayStartupException"/> when DynamoDB is unreachable, the table has another schema,
    /// or the port is taken.
    /// </summary>
    public static async Task<LocalGateway> StartAsync(
        GatewayOptions options, Action<IServiceCollection>? configureServices = null, CancellationToken cancellationToken = default)
    {
        if (options.Port != 0)
        {
            return await StartOnPortAsync(options, configureServices, cancellationToken);
        }

        // The port is part of what the functions are given (the management endpoint) before Kestrel binds, so a free
        // one is picked first; another process can take it before the bind, and then another is picked.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnPortAsync(options with { Port = PickFreePort() }, configureServices, cancellationToken);
            }
            catch (GatewayStartupException exception) when (attempt < MaxPortPicks && IsPortTaken(exception))
            {
            }
        }
    }

    private static async Task<LocalGateway> StartOnPortAsync(
        GatewayOptions options, Action<IServiceCollection>? configureServices, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.Services.AddLocalGateway(options);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        try
        {
            app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
            app.MapLocalGateway(options);
            var registry = app.Services.GetRequiredService<ConnectionRegistry>();
            app.Lifetime.ApplicationStopping.Register(() =>
            {
                foreach (var connection in registry.All)
                {
                    _ = connection.CloseAsync(CloseCause.ShuttingDown);
                }
            });
            if (options.DynamoDbEndpoint is not null)
            {
                var client = app.Services.GetRequiredService<IAmazonDynamoDB>();
                await TableBootstrap.EnsureAsync(client, GatewayTable.Connections, options.TableName, cancellationToken);
                if (options.HistoryEnabled)
                {
                    await TableBootstrap.EnsureAsync(client, GatewayTable.History, options.HistoryTableName, cancellationToken);
                }
            }

            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception) when (exception.InnerException is AddressInUseException)
        {
            await app.DisposeAsync();
            throw new GatewayStartupException(
                $"Port {options.Port} on 127.0.0.1 is already in use. Stop what listens there, or choose another port with --port N (0 picks a free one).", exception);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new LocalGateway(app, options);
    }

    /// <summary>Waits until the gateway is stopped (Ctrl+C or <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary><c>http://127.0.0.1:N/{stage}</c> for <paramref name="options"/> with its port resolved.</summary>
    internal static Uri ManagementEndpointOf(GatewayOptions options) => new($"http://127.0.0.1:{options.Port}/{options.Stage}");

    private static bool IsPortTaken(GatewayStartupException exception) =>
        exception.InnerException is IOException { InnerException: AddressInUseException };

    private static int PickFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
