using System.Net.WebSockets;
using System.Text.Json;
using Rtc.Contracts;
using Rtc.Local.Hosting;
using Rtc.Local.Tests.Support;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

/// <summary>The management API as the AWS CLI v2 and boto3 use it: paths, encoding, SigV4 and error types.</summary>
public sealed class AwsClientTests : IAsyncLifetime
{
    private readonly RecordingConnectionsHandler connections = new();
    private LocalGateway gateway = null!;
    private ClientWebSocket socket = null!;
    private string connectionId = "";

    public async Task InitializeAsync()
    {
        gateway = await TestGateway.StartAsync(connections);
        socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri, options => options.SetRequestHeader("User-Agent", "browser/1"));
        connectionId = (await connections.NextAsync(WebSocketRoutes.Connect)).RequestContext.ConnectionId!;
    }

    public async Task DisposeAsync()
    {
        socket.Dispose();
        await gateway.DisposeAsync();
    }

    [Fact]
    public async Task AwsCliPostToConnectionDeliversTheMessage()
    {
        var result = await Cli("post-to-connection", "--connection-id", connectionId, "--cli-binary-format", "raw-in-base64-out", "--data", "{\"from\":\"cli\"}");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("{\"from\":\"cli\"}", await socket.ReceiveTextAsync());
    }

    [Fact]
    public async Task AwsCliGetConnectionReadsTheConnection()
    {
        var result = await Cli("get-connection", "--connection-id", connectionId);

        Assert.True(result.ExitCode == 0, result.Error);
        var body = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal("127.0.0.1", body.GetProperty("Identity").GetProperty("SourceIp").GetString());
        Assert.Equal("browser/1", body.GetProperty("Identity").GetProperty("UserAgent").GetString());
        Assert.True(body.TryGetProperty("ConnectedAt", out _));
        Assert.True(body.TryGetProperty("LastActiveAt", out _));
    }

    [Fact]
    public async Task AwsCliDeleteConnectionClosesTheSocket()
    {
        var result = await Cli("delete-connection", "--connection-id", connectionId);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.NotNull(await socket.ReceiveCloseAsync());
        await connections.NextAsync(WebSocketRoutes.Disconnect);
    }

    [Fact]
    public async Task AwsCliSeesGoneExceptionForAnUnknownConnection()
    {
        var result = await Cli("post-to-connection", "--connection-id", "AAAAAAAAAAAAAAA=", "--cli-binary-format", "raw-in-base64-out", "--data", "x");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("GoneException", result.Error);
    }

    [Fact]
    public async Task AwsCliSignedWithTheWrongSecretIsRefusedWith403()
    {
        var result = await ExternalClient.RunAsync(ExternalClient.AwsCli,
            ["apigatewaymanagementapi", "post-to-connection", "--endpoint-url", gateway.ManagementEndpoint.ToString(),
             "--connection-id", connectionId, "--cli-binary-format", "raw-in-base64-out", "--data", "x", "--debug"],
            secretAccessKey: "wrong-secret");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidSignatureException", result.Error);
        Assert.Contains("HTTP/1.1\" 403", result.Error);
    }

    [Fact]
    public async Task Boto3PostsReadsAndDeletesAConnection()
    {
        var result = await ExternalClient.RunAsync(ExternalClient.Python, ["-c", Boto3Script], standardInput: $"{gateway.ManagementEndpoint}\n{connectionId}\n");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("from boto3", await socket.ReceiveTextAsync());
        Assert.Contains("sourceIp=127.0.0.1", result.Output);
        Assert.NotNull(await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Boto3SignedWithTheWrongSecretIsRefusedWith403()
    {
        var result = await ExternalClient.RunAsync(ExternalClient.Python, ["-c", Boto3Script], secretAccessKey: "wrong-secret",
            standardInput: $"{gateway.ManagementEndpoint}\n{connectionId}\n");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("status=403 code=InvalidSignatureException", result.Error);
        Assert.Equal(1, gateway.Connections.Count);
    }

    private const string Boto3Script = """
        import sys, boto3, botocore.exceptions
        endpoint, connection_id = sys.stdin.read().split()
        client = boto3.client('apigatewaymanagementapi', endpoint_url=endpoint)
        try:
            client.post_to_connection(ConnectionId=connection_id, Data=b'from boto3')
        except botocore.exceptions.ClientError as error:
            sys.exit(f"status={error.response['ResponseMetadata']['HTTPStatusCode']} code={error.response['Error']['Code']}")
        info = client.get_connection(ConnectionId=connection_id)
        print('sourceIp=' + info['Identity']['SourceIp'])
        status = client.delete_connection(ConnectionId=connection_id)['ResponseMetadata']['HTTPStatusCode']
        assert status == 204, status
        """;

    private Task<ExternalClient.Result> Cli(params string[] arguments) => ExternalClient.RunAsync(
        ExternalClient.AwsCli, ["apigatewaymanagementapi", .. arguments.Take(1), "--endpoint-url", gateway.ManagementEndpoint.ToString(), .. arguments.Skip(1)]);
}
