using System.Collections.Concurrent;
using System.Text.Json;
using Rtc.Functions.Publishing;
using Rtc.Functions.Runtime;
using Rtc.Testing.Runtime;

namespace Rtc.Functions.Tests.Runtime;

public sealed class LambdaRuntimeLoopTests : IAsyncLifetime
{
    private readonly CancellationTokenSource shutdown = new();
    private readonly ConcurrentQueue<string?> publishedTraceIds = new();
    private readonly StringWriter log = new();
    private FakeRuntimeApi runtimeApi = null!;
    private HttpClient httpClient = null!;

    public async Task InitializeAsync()
    {
        runtimeApi = await FakeRuntimeApi.StartAsync();
        httpClient = RuntimeApiClient.CreateHttpClient(runtimeApi.HostAndPort);
    }

    public async Task DisposeAsync()
    {
        shutdown.Cancel();
        httpClient.Dispose();
        await runtimeApi.DisposeAsync();
        shutdown.Dispose();
    }

    [Fact]
    public async Task AnEventInGetsItsResponsePosted()
    {
        var loop = StartLoop((eventJson, _, _) => Task.FromResult($$"""{"echo":{{eventJson}}}"""));
        runtimeApi.Enqueue("req-1", """{"n":1}""");

        var post = await runtimeApi.NextPostAsync();

        Assert.Equal("/2018-06-01/runtime/invocation/req-1/response", post.Path);
        Assert.Equal("""{"echo":{"n":1}}""", post.Body);
        await StopAsync(loop);
    }

    [Fact]
    public async Task AThrowingHandlerGivesAnErrorPostAndTheNextEventIsStillServed()
    {
        var loop = StartLoop((eventJson, _, _) => eventJson == "\"bad\""
            ? throw new InvocationException("InvalidPublishRequest", "no users named")
            : Task.FromResult("\"ok\""));
        runtimeApi.Enqueue("req-1", "\"bad\"");
        runtimeApi.Enqueue("req-2", "\"good\"");

        var error = await runtimeApi.NextPostAsync();
        var next = await runtimeApi.NextPostAsync();

        Assert.Equal("/2018-06-01/runtime/invocation/req-1/error", error.Path);
        Assert.Equal("InvalidPublishRequest", error.ErrorType);
        using var body = JsonDocument.Parse(error.Body);
        Assert.Equal("no users named", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidPublishRequest", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(0, body.RootElement.GetProperty("stackTrace").GetArrayLength());
        Assert.Equal(("/2018-06-01/runtime/invocation/req-2/response", "\"ok\""), (next.Path, next.Body));
        await StopAsync(loop);
    }

    [Fact]
    public async Task AnErrorMessageIsPostedWithQuotesAndBracketsAsTheyAre()
    {
        var loop = StartLoop((_, _, _) => throw InvalidPublishRequest.Because("'userId' is missing"));
        runtimeApi.Enqueue("req-1", "{}");

        var error = await runtimeApi.NextPostAsync();

        // Only the escaping JSON requires: \" for the quotes in the accepted shapes, nothing for ' < > +.
        Assert.Contains("""Invalid publish request: 'userId' is missing. Accepted shapes: {\"userId\":\"u1\",\"message\":<any JSON>}""", error.Body);
        using var body = JsonDocument.Parse(error.Body);
        Assert.StartsWith("Invalid publish request: 'userId' is missing.", body.RootElement.GetProperty("errorMessage").GetString());
        await StopAsync(loop);
    }

    [Fact]
    public async Task AnUnexpectedExceptionIsReportedUnderItsTypeName()
    {
        var loop = StartLoop((_, _, _) => throw new TimeoutException("table did not answer"));
        runtimeApi.Enqueue("req-1", "{}");

        var error = await runtimeApi.NextPostAsync();

        Assert.Equal("TimeoutException", error.ErrorType);
        await StopAsync(loop);
    }

    [Fact]
    public async Task AHandlerStillRunningAtTheDeadlineIsCancelledAndReportedAsDeadlineExceeded()
    {
        var loop = StartLoop(async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return "\"unreachable\"";
        });
        runtimeApi.Enqueue("req-1", "{}", deadline: DateTimeOffset.UtcNow.AddSeconds(-1));

        var error = await runtimeApi.NextPostAsync();

        Assert.Equal("/2018-06-01/runtime/invocation/req-1/error", error.Path);
        Assert.Equal("Runtime.DeadlineExceeded", error.ErrorType);
        await StopAsync(loop);
    }

    // Lambda's deadlines are at most 15 minutes away, but a Runtime API emulator may send anything: a deadline past
    // what a timer can hold (about 49 days), past what a date can hold, or no number at all still gets an answer.
    [Theory]
    [InlineData("9999999999999")]
    [InlineData("99999999999999999")]
    [InlineData("soon")]
    public async Task AnInvocationWithAnImplausibleDeadlineIsStillAnswered(string deadlineMs)
    {
        var loop = StartLoop((eventJson, _, _) => Task.FromResult(eventJson));
        runtimeApi.EnqueueWithDeadlineHeader("req-1", "{}", deadlineMs);

        var post = await runtimeApi.NextPostAsync();

        Assert.Equal("/2018-06-01/runtime/invocation/req-1/response", post.Path);
        await StopAsync(loop);
    }

    [Fact]
    public async Task TheHandlerSeesTheInvocationContextAndTheTraceHeaderIsPublished()
    {
        var contexts = new ConcurrentQueue<InvocationContext>();
        var loop = StartLoop((_, context, _) =>
        {
            contexts.Enqueue(context);
            return Task.FromResult("{}");
        });
        runtimeApi.Enqueue("req-1", "{}", traceId: "Root=1-6748d9ab-1f2e3d4c5b6a798812345678;Sampled=0");

        await runtimeApi.NextPostAsync();

        var context = Assert.Single(contexts);
        Assert.Equal("req-1", context.RequestId);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:rtc-dev-connections", context.InvokedFunctionArn);
        Assert.True(context.Deadline > DateTimeOffset.UtcNow);
        Assert.Equal(["Root=1-6748d9ab-1f2e3d4c5b6a798812345678;Sampled=0"], publishedTraceIds);
        await StopAsync(loop);
    }

    [Fact]
    public async Task AnUnknownHandlerNameIsPostedAsAnInitErrorNamingTheAllowedValues()
    {
        var services = FunctionServices.FromEnvironment(new DictionaryEnvironment(new Dictionary<string, string?>()));

        var exitCode = await NewLoop().RunAsync(() => HandlerCatalog.Create("fanout", services), shutdown.Token);

        Assert.Equal(LambdaRuntimeLoop.InitFailedExitCode, exitCode);
        var post = await runtimeApi.NextPostAsync();
        Assert.Equal("/2018-06-01/runtime/init/error", post.Path);
        using var body = JsonDocument.Parse(post.Body);
        var message = body.RootElement.GetProperty("errorMessage").GetString();
        Assert.Contains("'fanout'", message);
        Assert.Contains("connections, publisher, authorizer", message);
    }

    [Fact]
    public async Task AMissingHandlerNameIsAnInitError()
    {
        var services = FunctionServices.FromEnvironment(new DictionaryEnvironment(new Dictionary<string, string?>()));

        var exitCode = await NewLoop().RunAsync(() => HandlerCatalog.Create(null, services), shutdown.Token);

        Assert.Equal(LambdaRuntimeLoop.InitFailedExitCode, exitCode);
        Assert.Contains("RTC_HANDLER is not set", (await runtimeApi.NextPostAsync()).Body);
    }

    [Fact]
    public async Task CancellingTheLoopWhileItWaitsForAnEventEndsItWithExitCodeZero()
    {
        var loop = StartLoop((_, _, _) => Task.FromResult("{}"));

        Assert.Equal(0, await StopAsync(loop));
    }

    private LambdaRuntimeLoop NewLoop() =>
        new(new RuntimeApiClient(httpClient), new FunctionLogger(log, TimeProvider.System), TimeProvider.System, publishedTraceIds.Enqueue);

    private Task<int> StartLoop(Func<string, InvocationContext, CancellationToken, Task<string>> handle) =>
        NewLoop().RunAsync(() => new DelegateHandler(handle), shutdown.Token);

    private async Task<int> StopAsync(Task<int> loop)
    {
        shutdown.Cancel();
        return await loop.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
