using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Rtc.Functions.Composition;
using Rtc.Functions.Configuration;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Local.Authorization;
using Rtc.Local.Configuration;
using Rtc.Local.Connections;
using Rtc.Local.Faults;
using Rtc.Local.Http;
using Rtc.Local.Lambda;
using Rtc.Local.Management;
using Rtc.Local.Signing;
using Rtc.Local.WebSockets;

namespace Rtc.Local.Hosting;

/// <summary>
/// API Gateway's WebSocket API, its management API and Lambda's Invoke API on one loopback port, with the
/// functions hosted in-process. Started by <c>Program</c> and, in-process, by the tests.
/// </summary>
public sealed class LocalGateway : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly RateLimiter connectLimiter;

    private LocalGateway(WebApplication app, RateLimiter connectLimiter, GatewayOptions options, ConnectionRegistry registry, int port, LocalAuth? auth)
    {
        Auth = auth;
        this.app = app;
        this.connectLimiter = connectLimiter;
        Options = options;
        Connections = registry;
        BaseUri = new Uri($"http://127.0.0.1:{port}");
        WebSocketUri = new Uri($"ws://127.0.0.1:{port}/{options.Stage}");
        ManagementEndpoint = new Uri($"http://127.0.0.1:{port}/{options.Stage}");
    }

    /// <summary>The options the gateway runs with (the port resolved).</summary>
    public GatewayOptions Options { get; }

    /// <summary>The JWT settings and token minting of <c>--auth jwt</c>; null without it.</summary>
    public LocalAuth? Auth { get; }

    /// <summary>The open connections.</summary>
    public ConnectionRegistry Connections { get; }

    /// <summary><c>http://127.0.0.1:N</c>: the Lambda Invoke API's endpoint.</summary>
    public Uri BaseUri { get; }

    /// <summary><c>ws://127.0.0.1:N/{stage}</c>.</summary>
    public Uri WebSocketUri { get; }

    /// <summary><c>http://127.0.0.1:N/{stage}</c>: the management API's endpoint.</summary>
    public Uri ManagementEndpoint { get; }

    /// <summary>Starts the gateway; returns once it accepts connections.</summary>
    public static async Task<LocalGateway> StartAsync(GatewayOptions options, GatewayDependencies dependencies, CancellationToken cancellationToken = default)
    {
        var port = options.Port == 0 ? PickFreePort() : options.Port;
        options = options with { Port = port };
        var clock = TimeProvider.System;
        var logger = dependencies.Logger;
        var managementEndpoint = new Uri($"http://127.0.0.1:{port}/{options.Stage}");

        var auth = options.Auth == AuthMode.Jwt ? new LocalAuth() : null;
        var environment = FunctionEnvironment(options, managementEndpoint);
        foreach (var (name, value) in auth?.Environment ?? [])
        {
            environment[name] = value;
        }

        var services = new FunctionServices(
            new DictionaryEnvironment(environment),
            new Lazy<Functions.Storage.IConnectionStore>(() => dependencies.Store),
            new Lazy<IManagementApi>(() => dependencies.CreateManagementApi(managementEndpoint)),
            clock,
            logger);
        var handlers = HandlerCatalog.Names.ToDictionary(
            name => name,
            name => new Lazy<IInvocationHandler>(() => dependencies.CreateHandler(name, services)),
            StringComparer.Ordinal);
        var invoker = new FunctionInvoker(handlers, options.InvokeTimeout, options.Region, clock, logger);

        var registry = new ConnectionRegistry();
        var verifier = new SignatureValidator(LocalCredentials.AccessKeyId, LocalCredentials.SecretAccessKey, options.Region, clock);
        var events = new ProxyEventFactory(options.Stage, options.ApiId, clock);
        var routes = new RouteInvoker(invoker, logger);
        var connectLimiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.ConnectRatePerSecond,
            TokensPerPeriod = options.ConnectRatePerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        var webSockets = new WebSocketEndpoint(
            registry, events, routes, new ConnectionPump(options, registry, events, routes, clock, logger), connectLimiter,
            auth is null ? null : new HandshakeAuthorizer(invoker, options.Region, clock, logger));
        var management = new ManagementApiEndpoint(options, registry, verifier, new FaultInjector(options.Faults, clock), logger);
        var invoke = new InvokeEndpoint(options, invoker, verifier, logger);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        var tokens = auth is null ? null : new TokenEndpoint(auth);
        app.Run(http => DispatchAsync(http, options, webSockets, management, invoke, tokens));
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            foreach (var connection in registry.All)
            {
                _ = connection.CloseAsync(CloseCause.ShuttingDown);
            }
        });
        await app.StartAsync(cancellationToken);
        return new LocalGateway(app, connectLimiter, options, registry, port, auth);
    }

    /// <summary>Waits until the gateway is stopped (Ctrl+C or <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        connectLimiter.Dispose();
    }

    private static Task DispatchAsync(
        HttpContext http, GatewayOptions options, WebSocketEndpoint webSockets, ManagementApiEndpoint management, InvokeEndpoint invoke, TokenEndpoint? tokens) =>
        RawPath.Segments(http) switch
        {
            [TokenEndpoint.LocalSegment, "token"] when tokens is not null && HttpMethods.IsGet(http.Request.Method) => tokens.HandleAsync(http),
            ["2015-03-31", "functions", var name, "invocations"] when HttpMethods.IsPost(http.Request.Method) => invoke.HandleAsync(http, name),
            [var stage, "@connections", var connectionId] => management.HandleAsync(http, stage, connectionId),
            [var stage] when stage == options.Stage && http.WebSockets.IsWebSocketRequest => webSockets.HandleAsync(http),

            // API Gateway answers any other path, including another stage, with 403.
            _ => AwsErrorResponses.WriteAsync(http, StatusCodes.Status403Forbidden, "ForbiddenException", "Forbidden", http.RequestAborted),
        };

    private static Dictionary<string, string?> FunctionEnvironment(GatewayOptions options, Uri managementEndpoint) => new(StringComparer.Ordinal)
    {
        [EnvironmentVariables.TableName] = options.TableName,
        [EnvironmentVariables.WebSocketDomain] = managementEndpoint.Authority,
        [EnvironmentVariables.WebSocketStage] = options.Stage,
        [EnvironmentVariables.ManagementEndpoint] = managementEndpoint.ToString(),
        [EnvironmentVariables.AuthMode] = AuthModes.NameOf(options.Auth),
        [EnvironmentVariables.Region] = options.Region,
    };

    private static int PickFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
