using System.Net;
using System.Text;
using System.Text.Json;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Local.Configuration;
using Rtc.Local.Hosting;
using Rtc.Local.Tests.Support;
using Rtc.Testing;
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

    // Invoke API reference: FunctionName takes a name, an ARN or a partial ARN, with a version or alias appended.
    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:000000000000:function:publisher")]
    [InlineData("arn:aws:lambda:us-east-1:000000000000:function:publisher:$LATEST")]
    [InlineData("000000000000:function:publisher")]
    [InlineData("publisher:$LATEST")]
    public async Task FunctionNamedByArnOrPartialArnRuns(string functionName)
    {
        var publisher = new StubFunction(_ => "{\"delivered\":0}");
        await using var gateway = await StartAsync(publisher);

        var (result, response) = await LambdaCli.InvokeAsync(gateway, functionName, "{}");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("{\"delivered\":0}", response);
        Assert.Equal("$LATEST", JsonDocument.Parse(result.Output).RootElement.GetProperty("ExecutedVersion").GetString());
    }

    [Theory]
    [InlineData("arn:aws:lambda:eu-west-1:000000000000:function:publisher")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:publisher")]
    [InlineData("123456789012:function:publisher")]
    public async Task ArnOfAnotherRegionOrAccountIsResourceNotFound(string functionName)
    {
        var publisher = new StubFunction(_ => "{}");
        await using var gateway = await StartAsync(publisher);

        var (result, _) = await LambdaCli.InvokeAsync(gateway, functionName, "{}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ResourceNotFoundException", result.Error);
        Assert.Null(publisher.LastEvent);
    }

    // Invoke API reference: Qualifier names a version or alias; only $LATEST exists locally, so any other is
    // a function that does not exist (404 ResourceNotFoundException), never a run of $LATEST.
    [Theory]
    [InlineData("prod", false)]
    [InlineData("1", false)]
    [InlineData("$LATEST", true)]
    public async Task QualifierOtherThanLatestIsResourceNotFound(string qualifier, bool runs)
    {
        var publisher = new StubFunction(_ => "{}");
        await using var gateway = await StartAsync(publisher);

        var result = await InvokeWithCliAsync(gateway, "publisher", "{}", "--qualifier", qualifier);

        Assert.Equal(runs, result.ExitCode == 0);
        Assert.Equal(runs, publisher.LastEvent is not null);
        if (!runs)
        {
            Assert.Contains("ResourceNotFoundException", result.Error);
            Assert.Contains($"function:publisher:{qualifier}", result.Error);
        }
    }

    [Fact]
    public async Task QualifierThatContradictsTheOneInTheNameIsRefused()
    {
        var publisher = new StubFunction(_ => "{}");
        await using var gateway = await StartAsync(publisher);

        var result = await InvokeWithCliAsync(gateway, "publisher:prod", "{}", "--qualifier", "$LATEST");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidParameterValueException", result.Error);
        Assert.Null(publisher.LastEvent);
    }

    // Invoke API reference: the maximum payload is 6 MB for synchronous invocations and 1 MB for asynchronous
    // ones (raised from 256 KB in October 2025); over it Lambda answers 413 RequestEntityTooLargeException.
    [Theory]
    [InlineData(1024 * 1024, 202)]
    [InlineData(1024 * 1024 + 1, 413)]
    public async Task EventPayloadOverLambdasAsynchronousLimitIsRefusedWith413(int payloadBytes, int expectedStatus)
    {
        var publisher = new StubFunction(_ => "{}");
        await using var gateway = await StartAsync(publisher, TestGateway.Options with { RequireSignature = false });

        using var response = await PostInvokeAsync(gateway, "publisher", JsonOfLength(payloadBytes), invocationType: "Event");

        Assert.Equal(expectedStatus, (int)response.StatusCode);
        if (expectedStatus == 413)
        {
            Assert.Equal("RequestEntityTooLargeException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        }
    }

    [Fact]
    public async Task SynchronousPayloadBetweenTheTwoLimitsRuns()
    {
        var publisher = new StubFunction(_ => "{}");
        await using var gateway = await StartAsync(publisher, TestGateway.Options with { RequireSignature = false });

        using var response = await PostInvokeAsync(gateway, "publisher", JsonOfLength(2 * 1024 * 1024));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2 * 1024 * 1024, publisher.LastEvent!.Length);
    }

    // Invoke API reference: InvalidRequestContentException (400), the request body could not be parsed as JSON.
    [Fact]
    public async Task PayloadThatIsNotUtf8IsInvalidRequestContent()
    {
        var publisher = new StubFunction(_ => "{}");
        await using var gateway = await StartAsync(publisher, TestGateway.Options with { RequireSignature = false });

        using var response = await PostInvokeAsync(gateway, "publisher", [.. "{\"userId\":\""u8, 0xff, 0xfe, .. "\"}"u8]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRequestContentException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Null(publisher.LastEvent);
    }

    // Invoke API reference: LogType Tail returns "the last 4 KB of the execution log, which is base64-encoded"
    // in X-Amz-Log-Result (synchronous invocations only).
    [Fact]
    public async Task LogTypeTailReturnsTheLastFourKilobytesOfTheInvocationsOwnLog()
    {
        await using var gateway = await StartAsync(new LoggingFunction(new FunctionLogger(TextWriter.Null, TimeProvider.System)));

        // Two invocations that are provably running at the same time, logging in between each other's lines.
        var invocations = await Task.WhenAll(
            InvokeWithCliAsync(gateway, "publisher", """{"tag":"long","lines":200}""", "--log-type", "Tail"),
            InvokeWithCliAsync(gateway, "publisher", """{"tag":"short","lines":2}""", "--log-type", "Tail"));

        var (longLog, shortLog) = (LogResult(invocations[0]), LogResult(invocations[1]));
        Assert.Equal(4096, longLog.Length);
        var longText = Encoding.UTF8.GetString(longLog);
        Assert.EndsWith("\"tag\":\"long\",\"line\":199}\n", longText);
        Assert.DoesNotContain("\"line\":0}", longText);
        Assert.DoesNotContain("short", longText);
        var shortLines = Encoding.UTF8.GetString(shortLog).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, shortLines.Length);
        Assert.All(shortLines, line => Assert.Contains("\"tag\":\"short\"", line));
    }

    private static Task<LocalGateway> StartAsync(IInvocationHandler publisher, GatewayOptions? options = null) =>
        TestGateway.StartAsync(options ?? TestGateway.Options, new Dictionary<string, IInvocationHandler> { [HandlerNames.Publisher] = publisher });

    // aws lambda invoke with options LambdaCli does not pass; the response file is not needed here.
    private static Task<ExternalClient.Result> InvokeWithCliAsync(LocalGateway gateway, string function, string payload, params string[] options) =>
        ExternalClient.RunAsync(ExternalClient.AwsCli,
            ["lambda", "invoke", "--endpoint-url", gateway.BaseUri.ToString(), "--function-name", function,
             "--cli-binary-format", "raw-in-base64-out", "--payload", payload, .. options, "/dev/null"]);

    private static async Task<HttpResponseMessage> PostInvokeAsync(LocalGateway gateway, string function, byte[] payload, string? invocationType = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseUri, $"2015-03-31/functions/{function}/invocations"))
        {
            Content = new ByteArrayContent(payload),
        };
        if (invocationType is not null)
        {
            request.Headers.Add("X-Amz-Invocation-Type", invocationType);
        }

        return await http.SendAsync(request);
    }

    // A JSON string literal of exactly payloadBytes bytes.
    private static byte[] JsonOfLength(int payloadBytes) => Encoding.UTF8.GetBytes("\"" + new string('a', payloadBytes - 2) + "\"");

    private static byte[] LogResult(ExternalClient.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        return Convert.FromBase64String(JsonDocument.Parse(result.Output).RootElement.GetProperty("LogResult").GetString()!);
    }

    // Writes "lines" numbered log lines tagged with "tag"; the first two invocations meet halfway, so each logs
    // while the other is running.
    private sealed class LoggingFunction(FunctionLogger logger) : IInvocationHandler
    {
        private readonly TaskCompletionSource bothRunning = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int running;

        public async Task<string> HandleAsync(string eventJson, InvocationContext context, CancellationToken cancellationToken = default)
        {
            var request = JsonDocument.Parse(eventJson).RootElement;
            var (tag, lines) = (request.GetProperty("tag").GetString(), request.GetProperty("lines").GetInt32());
            for (var line = 0; line < lines; line++)
            {
                logger.Write(LogSeverity.Info, "working", ("tag", tag), ("line", line));
                if (line == lines / 2 - 1)
                {
                    if (Interlocked.Increment(ref running) == 2)
                    {
                        bothRunning.TrySetResult();
                    }

                    await bothRunning.Task.WaitAsync(Eventually.WaitLimit, cancellationToken);
                }
            }

            return "{}";
        }
    }

    private sealed class BlockingFunction(Task<string> response) : IInvocationHandler
    {
        public Task<string> HandleAsync(string eventJson, InvocationContext context, CancellationToken cancellationToken = default) =>
            response.WaitAsync(cancellationToken);
    }
}
