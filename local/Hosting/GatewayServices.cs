using System.Globalization;
using System.Threading.RateLimiting;
using Amazon.DynamoDBv2;
using Rtc.Contracts;
using Rtc.Functions.History;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;
using Rtc.Local.Authorization;
using Rtc.Local.Configuration;
using Rtc.Local.Connections;
using Rtc.Local.Demo;
using Rtc.Local.Lambda;
using Rtc.Local.Management;
using Rtc.Local.Signing;
using Rtc.Local.WebSockets;

namespace Rtc.Local.Hosting;

/// <summary>
/// The gateway's services in the host's container: the real functions, the in-memory or DynamoDB stores, and
/// the real management client signing with the local credentials, so the functions' posts go through the
/// gateway's SigV4 check and fault injection like any outside client's. The container owns and disposes
/// what it builds (the HTTP and DynamoDB clients, the connect rate limiter).
/// </summary>
internal static class GatewayServices
{
    /// <summary>Registers everything the gateway runs with for <paramref name="options"/> (its port resolved).</summary>
    public static IServiceCollection AddLocalGateway(this IServiceCollection services, GatewayOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(options.Faults);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(FunctionLogger.StandardOutput);
        AddFunctions(services, options);

        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton(provider => new SignatureValidator(
            LocalCredentials.AccessKeyId, LocalCredentials.SecretAccessKey, options.Region, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new ProxyEventFactory(options.Stage, options.ApiId, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RouteInvoker>();
        services.AddSingleton<ConnectionPump>();
        services.AddSingleton<RateLimiter>(_ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.ConnectRatePerSecond,
            TokensPerPeriod = options.ConnectRatePerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        services.AddSingleton<WebSocketEndpoint>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<ManagementApiEndpoint>();
        services.AddSingleton<InvokeEndpoint>();
        services.AddSingleton<ClientConfigEndpoint>();
        services.AddSingleton<PublishEndpoint>();
        if (options.Auth == AuthMode.Jwt)
        {
            services.AddSingleton<LocalAuth>();
            services.AddSingleton<TokenEndpoint>();
            services.AddSingleton(provider => new HandshakeAuthorizer(
                provider.GetRequiredService<FunctionInvoker>(), options.Region,
                provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<FunctionLogger>()));
        }

        return services;
    }

    private static void AddFunctions(IServiceCollection services, GatewayOptions options)
    {
        var managementEndpoint = LocalGateway.ManagementEndpointOf(options);

        // The management client's connection pool, disposed with the container.
        services.AddSingleton(_ => new HttpClient(ManagementApiClient.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan });
        services.AddSingleton<IManagementApi>(provider => new ManagementApiClient(
            provider.GetRequiredService<HttpClient>(), managementEndpoint, options.Region, LocalCredentials.Credentials));
        var retention = TimeSpan.FromSeconds(options.HistorySeconds);
        if (options.DynamoDbEndpoint is { } endpoint)
        {
            services.AddSingleton(_ => CreateDynamoDbClient(endpoint, options.Region));
            services.AddSingleton<IConnectionStore>(provider => new RecreatingConnectionStore(
                provider.GetRequiredService<IAmazonDynamoDB>(), options.TableName, provider.GetRequiredService<FunctionLogger>()));
            if (options.HistoryEnabled)
            {
                services.AddSingleton<IHistoryStore>(provider => new RecreatingHistoryStore(
                    provider.GetRequiredService<IAmazonDynamoDB>(), options.HistoryTableName, retention, provider.GetRequiredService<FunctionLogger>()));
            }
        }
        else
        {
            services.AddSingleton<IConnectionStore, InMemoryConnectionStore>();
            if (options.HistoryEnabled)
            {
                services.AddSingleton<IHistoryStore>(_ => new InMemoryHistoryStore(retention));
            }
        }

        // No IHistoryStore registered: history is off, and the functions get none, as without RTC_HISTORY_TABLE.
        services.AddSingleton(provider => new FunctionServices(
            new DictionaryEnvironment(FunctionEnvironment(options, managementEndpoint, provider.GetService<LocalAuth>())),
            new Lazy<IConnectionStore>(provider.GetRequiredService<IConnectionStore>),
            new Lazy<IHistoryStore?>(provider.GetService<IHistoryStore>),
            new Lazy<IManagementApi>(provider.GetRequiredService<IManagementApi>),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<FunctionLogger>()));
        foreach (var name in HandlerNames.All)
        {
            services.AddKeyedSingleton<IInvocationHandler>(name, (provider, _) => HandlerCatalog.Create(name, provider.GetRequiredService<FunctionServices>()));
        }

        services.AddSingleton<FunctionInvoker>();
    }

    private static Dictionary<string, string?> FunctionEnvironment(GatewayOptions options, Uri managementEndpoint, LocalAuth? auth)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [EnvironmentVariables.TableName] = options.TableName,
            [EnvironmentVariables.WebSocketDomain] = managementEndpoint.Authority,
            [EnvironmentVariables.WebSocketStage] = options.Stage,
            [EnvironmentVariables.ManagementEndpoint] = managementEndpoint.ToString(),
            [EnvironmentVariables.AuthMode] = AuthModes.NameOf(options.Auth),
            [EnvironmentVariables.Region] = options.Region,
        };
        if (options.HistoryEnabled)
        {
            // As the stack sets them; the functions here take the gateway's store rather than build one from them.
            environment[EnvironmentVariables.HistoryTable] = options.HistoryTableName;
            environment[EnvironmentVariables.HistorySeconds] = options.HistorySeconds.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in auth?.Environment ?? [])
        {
            environment[name] = value;
        }

        return environment;
    }

    private static IAmazonDynamoDB CreateDynamoDbClient(Uri endpoint, string region)
    {
        var config = new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = region };

        // DynamoDB Local accepts any key, so a machine without AWS credentials still works; a remote endpoint
        // gets the SDK's default credential chain.
        return endpoint.IsLoopback ? new AmazonDynamoDBClient(LocalCredentials.Credentials, config) : new AmazonDynamoDBClient(config);
    }
}
