using System.Text.Json;
using Rtc.Functions.Runtime;
using Rtc.Local.Configuration;
using Rtc.Local.Hosting;
using Rtc.Local.Tests.Support;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

/// <summary>Lambda's Invoke API as the AWS CLI v2 uses it.</summary>
public sealed class InvokeApiTests
{
    [Fact]
    public async Task AwsCliLambdaInvokeRunsTheFunctionAndPrintsItsResponse()
    {
        var publisher = new StubFunction(_ => "{\"delivered\":1}");
        await using var gateway = await StartAsync(publisher);

        var (result, response) = await LambdaCli.InvokeAsync(gateway, "publisher", "{\"userId\":\"u1\",\"message\":\"hi\"}");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("{\"delivered\":1}", response);
        Assert.Equal("{\"userId\":\"u1\",\"message\":\"hi\"}", publisher.LastEvent);
        Assert.Equal(200, JsonDocument.Parse(result.Output).RootElement.GetProperty("StatusCode").GetInt32());
    }

    [Fact]
    public async Task FunctionErrorIsReportedAsUnhandledWithLambdasErrorBody()
    {
        var publisher = new StubFunction(_ => throw new InvocationException("InvalidPublishRequest", "Send userId or userIds."));
        await using var gateway = await StartAsync(publisher);

        var (result, response) = await LambdaCli.InvokeAsync(gateway, "publisher", "{}");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("Unhandled", JsonDocument.Parse(result.Output).RootElement.GetProperty("FunctionError").GetString());
        var error = JsonDocument.Parse(response).RootElement;
        Assert.Equal("InvalidPublishRequest", error.GetProperty("errorType").GetString());
        Assert.Equal("Send userId or userIds.", error.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task UnknownFunctionIsResourceNotFound()
    {
        await using var gateway = await StartAsync(new StubFunction(_ => "{}"));

        var (result, _) = await LambdaCli.InvokeAsync(gateway, "orders", "{}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ResourceNotFoundException", result.Error);
    }

    [Fact]
    public async Task InvokeSignedWithTheWrongSecretIsRefused()
    {
        await using var gateway = await StartAsync(new StubFunction(_ => "{}"));

        var (result, _) = await LambdaCli.InvokeAsync(gateway, "publisher", "{}", secretAccessKey: "wrong-secret");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidSignatureException", result.Error);
    }

    [Fact]
    public async Task InvocationPastTheDeadlineTimesOutLikeLambda()
    {
        var never = new TaskCompletionSource<string>();
        var publisher = new BlockingFunction(never.Task);
        await using var gateway = await StartAsync(publisher, TestGateway.Options with { InvokeTimeout = TimeSpan.FromMilliseconds(200) });

        var (result, response) = await LambdaCli.InvokeAsync(gateway, "publisher", "{}");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("Sandbox.Timedout", JsonDocument.Parse(response).RootElement.GetProperty("errorType").GetString());
    }

    private static Task<LocalGateway> StartAsync(IInvocationHandler publisher, GatewayOptions? options = null) =>
        TestGateway.StartAsync(options ?? TestGateway.Options, new Dictionary<string, IInvocationHandler> { [HandlerCatalog.Publisher] = publisher });

    private sealed class BlockingFunction(Task<string> response) : IInvocationHandler
    {
        public Task<string> HandleAsync(string eventJson, InvocationContext context, CancellationToken cancellationToken = default) =>
            response.WaitAsync(cancellationToken);
    }
}
