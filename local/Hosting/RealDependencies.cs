using Amazon.DynamoDBv2;
using Rtc.Functions.Logging;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;
using Rtc.Local.Configuration;

namespace Rtc.Local.Hosting;

/// <summary>
/// The dependencies <c>dotnet run --project local</c> uses: the real functions, the in-memory or DynamoDB
/// store, and the real management client signing with the local credentials, so the functions' posts go
/// through the gateway's SigV4 check and fault injection like any outside client's. Owns what it creates.
/// </summary>
public sealed class RealDependencies : IAsyncDisposable
{
    private readonly HttpClient managementHttp = new(ManagementApiClient.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
    private IAmazonDynamoDB? dynamoDb;

    private RealDependencies()
    {
    }

    /// <summary>The dependencies to start the gateway with.</summary>
    public GatewayDependencies Value { get; private set; } = null!;

    /// <summary>
    /// Builds the dependencies for <paramref name="options"/>; with a DynamoDB endpoint, creates the table when
    /// it is missing (and again should it disappear later). <paramref name="logger"/> defaults to standard
    /// output. Throws <see cref="GatewayStartupException"/> when DynamoDB is unreachable or the table has
    /// another schema.
    /// </summary>
    public static async Task<RealDependencies> CreateAsync(GatewayOptions options, FunctionLogger? logger = null, CancellationToken cancellationToken = default)
    {
        var dependencies = new RealDependencies();
        logger ??= FunctionLogger.Console;
        IConnectionStore store = new InMemoryConnectionStore();
        if (options.DynamoDbEndpoint is { } endpoint)
        {
            dependencies.dynamoDb = CreateDynamoDbClient(endpoint, options.Region);
            try
            {
                await ConnectionTableBootstrap.EnsureAsync(dependencies.dynamoDb, options.TableName, cancellationToken);
            }
            catch
            {
                await dependencies.DisposeAsync();
                throw;
            }

            store = new RecreatingConnectionStore(dependencies.dynamoDb, options.TableName, logger);
        }

        dependencies.Value = new GatewayDependencies(
            store,
            managementEndpoint => new ManagementApiClient(dependencies.managementHttp, managementEndpoint, options.Region, LocalCredentials.Credentials),
            HandlerCatalog.Create,
            logger);
        return dependencies;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        managementHttp.Dispose();
        dynamoDb?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static AmazonDynamoDBClient CreateDynamoDbClient(Uri endpoint, string region)
    {
        var config = new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = region };

        // DynamoDB Local accepts any key, so a machine without AWS credentials still works; a remote endpoint
        // gets the SDK's default credential chain.
        return endpoint.IsLoopback ? new AmazonDynamoDBClient(LocalCredentials.Credentials, config) : new AmazonDynamoDBClient(config);
    }
}
