using System.Text.Json;
using Rtc.Contracts;
using Rtc.Functions.Connections;
using Rtc.Functions.Storage;
using Rtc.Testing;
using Rtc.Testing.Events;
using Rtc.Testing.Runtime;

namespace Rtc.Functions.Tests.Runtime;

/// <summary>The built function as its own process, speaking HTTP to a fake Runtime API, as on Lambda.</summary>
[Collection(DynamoDbLocal.Collection)]
public sealed class FunctionProcessTests(DynamoDbLocal dynamo)
{
    private const string ConnectionId = "Pq3XneYuoAMCJ5w=";

    [Fact]
    public async Task TheConnectionsFunctionAnswersEventsReportsABadOneAndServesTheNext()
    {
        await using var runtimeApi = await FakeRuntimeApi.StartAsync();
        var tableName = await dynamo.CreateConnectionTableAsync();
        using var function = FunctionProcess.Start(new Dictionary<string, string>
        {
            [EnvironmentVariables.RuntimeApi] = runtimeApi.HostAndPort,
            [EnvironmentVariables.Handler] = "connections",
            [EnvironmentVariables.TableName] = tableName,
            // The SDK's own service-specific endpoint variable: no custom setting is involved.
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamo.Endpoint,
            [EnvironmentVariables.Region] = DynamoDbLocal.Region,
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
        });
        var store = new DynamoDbConnectionStore(dynamo.Client, tableName);

        runtimeApi.Enqueue("req-1", EventFiles.Read("connect-with-query.json"));
        var connected = await runtimeApi.NextPostAsync();
        runtimeApi.Enqueue("req-2", "{ this is not an event");
        var rejected = await runtimeApi.NextPostAsync();
        var storedWhileOpen = await store.ListConnectionIdsAsync("alice");
        runtimeApi.Enqueue("req-3", EventFiles.Read("disconnect-1001.json"));
        var disconnected = await runtimeApi.NextPostAsync();

        Assert.Equal("/2018-06-01/runtime/invocation/req-1/response", connected.Path);
        Assert.Equal(200, JsonDocument.Parse(connected.Body).RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal([ConnectionId], storedWhileOpen);
        Assert.Equal("/2018-06-01/runtime/invocation/req-2/error", rejected.Path);
        Assert.Equal(ConnectionsHandler.InvalidEventErrorType, rejected.ErrorType);
        Assert.Equal("/2018-06-01/runtime/invocation/req-3/response", disconnected.Path);
        Assert.Empty(await store.ListConnectionIdsAsync("alice"));
    }

    [Fact]
    public async Task AnUnknownHandlerNameIsAnInitErrorAndTheProcessExitsNonZero()
    {
        await using var runtimeApi = await FakeRuntimeApi.StartAsync();
        using var function = FunctionProcess.Start(new Dictionary<string, string>
        {
            [EnvironmentVariables.RuntimeApi] = runtimeApi.HostAndPort,
            [EnvironmentVariables.Handler] = "fanout",
        });

        var post = await runtimeApi.NextPostAsync();
        var exitCode = await function.WaitForExitAsync();

        Assert.Equal("/2018-06-01/runtime/init/error", post.Path);
        Assert.Contains("allowed values: connections, publisher, authorizer", post.Body);
        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task AMissingTableNameIsAnInitErrorNamingTheVariable()
    {
        await using var runtimeApi = await FakeRuntimeApi.StartAsync();
        using var function = FunctionProcess.Start(new Dictionary<string, string>
        {
            [EnvironmentVariables.RuntimeApi] = runtimeApi.HostAndPort,
            [EnvironmentVariables.Handler] = "connections",
            [EnvironmentVariables.TableName] = "",
        });

        var post = await runtimeApi.NextPostAsync();

        Assert.Equal("/2018-06-01/runtime/init/error", post.Path);
        Assert.Contains(EnvironmentVariables.TableName, post.Body);
        Assert.NotEqual(0, await function.WaitForExitAsync());
    }
}
