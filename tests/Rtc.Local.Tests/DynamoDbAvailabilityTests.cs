using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Rtc.Contracts;
using Rtc.Functions.Storage;
using Rtc.Local.Tests.Support;
using Rtc.Testing;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

/// <summary>
/// The gateway with <c>--dynamodb-endpoint</c> when DynamoDB is not there, the port is taken, the table has
/// another shape, or the table disappears while it runs.
/// </summary>
[Collection(DynamoDbLocal.Collection)]
public sealed class DynamoDbAvailabilityTests(DynamoDbLocal dynamo)
{
    private const int StartupFailure = 1;

    [Fact]
    public async Task UnreachableDynamoDbEndsStartupWithOneLineNamingTheEndpointAndWhatToStart()
    {
        var endpoint = $"http://127.0.0.1:{FreePort.Next()}";

        var (exitCode, error) = await ProgramTests.RunGatewayAsync("--port", "0", "--dynamodb-endpoint", endpoint);

        Assert.Equal(StartupFailure, exitCode);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith("error: DynamoDB is not reachable at " + endpoint, line);
        Assert.Contains("Start DynamoDB Local", line);
    }

    [Fact]
    public async Task PortInUseEndsStartupWithOneLine()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var (exitCode, error) = await ProgramTests.RunGatewayAsync("--port", port);

        Assert.Equal(StartupFailure, exitCode);
        var line = Assert.Single(Lines(error));
        Assert.Equal($"error: Port {port} on 127.0.0.1 is already in use. Stop what listens there, or choose another port with --port N (0 picks a free one).", line);
    }

    [Fact]
    public async Task TableWithAnotherKeySchemaIsRefusedAtStartupNamingTheDifference()
    {
        var table = await CreateTableAsync(request =>
        {
            request.AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.N)];
            request.KeySchema = [new KeySchemaElement("id", KeyType.HASH)];
            request.GlobalSecondaryIndexes = null;
        });

        var (exitCode, error) = await RunWithTableAsync(table);

        Assert.Equal(StartupFailure, exitCode);
        var line = Assert.Single(Lines(error));
        Assert.Contains($"Table {table} at {dynamo.Endpoint}/ has the key schema [id (N) HASH], not [connection_id (S) HASH]", line);
    }

    [Fact]
    public async Task TableWithoutTheUserIdIndexIsRefusedAtStartup()
    {
        var table = await CreateTableAsync(request =>
        {
            request.AttributeDefinitions = [new AttributeDefinition(ConnectionTableSchema.ConnectionIdAttribute, ScalarAttributeType.S)];
            request.GlobalSecondaryIndexes = null;
        });

        var (exitCode, error) = await RunWithTableAsync(table);

        Assert.Equal(StartupFailure, exitCode);
        Assert.Contains($"has no global secondary index {ConnectionTableSchema.UserIdIndex}", Assert.Single(Lines(error)));
    }

    // A developer restarts DynamoDB Local (-inMemory): the table is gone. The gateway recreates it on the next
    // operation, logs that it did, and connections and publishes work again.
    [Fact]
    public async Task TableIsRecreatedAfterDynamoDbLocalRestarts()
    {
        var ownDynamo = new DynamoDbLocal();
        await ownDynamo.InitializeAsync();
        try
        {
            var log = new SignallingWriter("\"message\":\"connection table recreated\"");
            var options = TestGateway.Options with { DynamoDbEndpoint = new Uri(ownDynamo.Endpoint), TableName = "restarted" };
            await using var real = await RealGateway.StartAsync(options, log);
            using (await EndToEndTests.ConnectAsync(real, "?user_id=alice"))
            {
                await EndToEndTests.WaitForRowsAsync(real, "alice", 1);
            }

            await ownDynamo.RestartAsync();
            using var bob = await EndToEndTests.ConnectAsync(real, "?user_id=bob");
            await log.Seen.WaitAsync(Eventually.WaitLimit);
            var result = await EndToEndTests.PublishAsync(real, """{"userId":"bob","message":"after the restart"}""");

            Assert.Equal(1, log.Count);
            Assert.Equal(1, result.GetProperty("delivered").GetInt32());
            Assert.Equal("\"after the restart\"", await bob.ReceiveDataAsync());
            Assert.Contains(options.TableName, (await ownDynamo.Client.ListTablesAsync()).TableNames);
        }
        finally
        {
            await ownDynamo.DisposeAsync();
        }
    }

    private Task<(int ExitCode, string Error)> RunWithTableAsync(string table) =>
        ProgramTests.RunGatewayAsync("--port", "0", "--dynamodb-endpoint", dynamo.Endpoint, "--table", table);

    private async Task<string> CreateTableAsync(Action<CreateTableRequest> reshape)
    {
        var request = TableRequests.Create(ConnectionTableSchema.Table, $"misshapen-{Guid.NewGuid():N}");
        reshape(request);
        await dynamo.Client.CreateTableAsync(request);
        return request.TableName;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
