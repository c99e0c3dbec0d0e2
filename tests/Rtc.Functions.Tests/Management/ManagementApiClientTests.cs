using Amazon.Runtime;
using Rtc.Testing.Signing;

namespace Rtc.Functions.Tests.Management;

public sealed class ManagementApiClientTests : IAsyncLifetime
{
    private const string AccessKey = "ASIATESTACCESSKEY";
    private const string SecretKey = "test/secret+key=value";
    private const string SessionToken = "FwoGZXIvYXdzEXAMPLE//session+token==";
    private const string Region = "eu-west-1";
    private const string ConnectionId = "L0SM9cOFvHcCIhw=";

    private readonly HttpClient httpClient = new();
    private CapturingServer server = null!;

    public async Task InitializeAsync() => server = await CapturingServer.StartAsync();

    public async Task DisposeAsync()
    {
        httpClient.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task PostIsSignedForExecuteApiWithTheSessionTokenSignedToo()
    {
        var result = await CreateClient().PostToConnectionAsync(ConnectionId, Encoding.UTF8.GetBytes("{\"hello\":\"world\"}"));

        Assert.Equal(ManagementOutcome.Delivered, result.Outcome);
        var request = Assert.Single(server.Requests);
        var verdict = SigV4Verifier.Verify(request, SecretKey);
        Assert.True(verdict.IsValid, $"signature {verdict.SentSignature} differs from the recomputed {verdict.ExpectedSignature} over {verdict.CanonicalUri}");
        Assert.Equal((AccessKey, Region, "execute-api"), (verdict.AccessKey, verdict.Region, verdict.Service));
        Assert.Equal(SessionToken, request.Header("X-Amz-Security-Token"));
        Assert.Contains("x-amz-security-token", verdict.SignedHeaders);
        Assert.Contains("host", verdict.SignedHeaders);
        Assert.Equal(SigV4Verifier.PayloadHash(request.Body), request.Header("X-Amz-Content-SHA256"));
    }

    [Fact]
    public async Task PostSendsTheBodyToTheStagePathWithTheConnectionIdUrlEncoded()
    {
        await CreateClient().PostToConnectionAsync(ConnectionId, Encoding.UTF8.GetBytes("payload"));

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/local/%40connections/L0SM9cOFvHcCIhw%3D", request.RawTarget);
        Assert.Equal("/local/%2540connections/L0SM9cOFvHcCIhw%253D", SigV4Verifier.Verify(request, SecretKey).CanonicalUri);
        Assert.Equal("payload", Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public async Task ConnectionIdWithSlashAndPlusStaysOneEncodedPathSegment()
    {
        await CreateClient().PostToConnectionAsync("a/b+c=", Encoding.UTF8.GetBytes("x"));

        var request = Assert.Single(server.Requests);
        Assert.Equal("/local/%40connections/a%2Fb%2Bc%3D", request.RawTarget);
        Assert.True(SigV4Verifier.Verify(request, SecretKey).IsValid);
    }

    [Fact]
    public async Task VerifierRejectsASignatureMadeWithAnotherSecret()
    {
        await CreateClient().PostToConnectionAsync(ConnectionId, Encoding.UTF8.GetBytes("x"));

        Assert.False(SigV4Verifier.Verify(Assert.Single(server.Requests), "another-secret").IsValid);
    }

    [Fact]
    public async Task LongTermCredentialsSendNoSecurityToken()
    {
        var client = new ManagementApiClient(httpClient, new Uri(server.BaseAddress, "local"), Region, new BasicAWSCredentials(AccessKey, SecretKey));

        await client.PostToConnectionAsync(ConnectionId, Encoding.UTF8.GetBytes("x"));

        var request = Assert.Single(server.Requests);
        Assert.Null(request.Header("X-Amz-Security-Token"));
        Assert.True(SigV4Verifier.Verify(request, SecretKey).IsValid);
    }

    [Theory]
    [InlineData(200, null, ManagementOutcome.Delivered)]
    [InlineData(410, "GoneException", ManagementOutcome.Gone)]
    [InlineData(403, "ForbiddenException", ManagementOutcome.Forbidden)]
    [InlineData(413, "PayloadTooLargeException", ManagementOutcome.TooLarge)]
    [InlineData(429, "LimitExceededException", ManagementOutcome.Throttled)]
    [InlineData(500, "InternalServerErrorException", ManagementOutcome.Failed)]
    [InlineData(502, null, ManagementOutcome.Failed)]
    [InlineData(503, null, ManagementOutcome.Failed)]
    [InlineData(410, null, ManagementOutcome.Gone)]
    [InlineData(429, null, ManagementOutcome.Throttled)]
    public async Task EachStatusMapsToItsOutcome(int status, string? errorType, ManagementOutcome expected)
    {
        server.Status = status;
        server.ErrorType = errorType;

        var result = await CreateClient().PostToConnectionAsync(ConnectionId, Encoding.UTF8.GetBytes("x"));

        Assert.Equal(new ManagementResult(expected, status, errorType), result);
    }

    [Theory]
    [InlineData(429, "LimitExceededException", true)]
    [InlineData(500, "InternalServerErrorException", true)]
    [InlineData(502, null, true)]
    [InlineData(400, "BadRequestException", false)]
    [InlineData(403, "ForbiddenException", false)]
    [InlineData(410, "GoneException", false)]
    [InlineData(413, "PayloadTooLargeException", false)]
    public async Task OnlyThrottlingAndServerErrorsAreRetryable(int status, string? errorType, bool retryable)
    {
        server.Status = status;
        server.ErrorType = errorType;

        var result = await CreateClient().PostToConnectionAsync(ConnectionId, Encoding.UTF8.GetBytes("x"));

        Assert.Equal(retryable, result.IsRetryable);
    }

    [Fact]
    public async Task ErrorTypeSuffixAfterAColonIsDropped()
    {
        server.Status = 410;
        server.ErrorType = "GoneException:http://internal.amazon.com/coral/com.amazonaws.apigatewaymanagementapi/";

        var result = await CreateClient().PostToConnectionAsync(ConnectionId, Encoding.UTF8.GetBytes("x"));

        Assert.Equal(new ManagementResult(ManagementOutcome.Gone, 410, "GoneException"), result);
    }

    [Fact]
    public async Task ARequestThatOutlivesTheTimeoutFails()
    {
        var release = new TaskCompletionSource();
        server.HoldUntil = release.Task;
        var client = CreateClient(TimeSpan.FromMilliseconds(200));

        var result = await client.PostToConnectionAsync(ConnectionId, Encoding.UTF8.GetBytes("x"));
        release.SetResult();

        Assert.Equal(new ManagementResult(ManagementOutcome.Failed, null, "Timeout"), result);
        Assert.True(result.IsRetryable);
    }

    [Fact]
    public async Task TheCallersOwnCancellationIsNotReportedAsATimeout()
    {
        var release = new TaskCompletionSource();
        server.HoldUntil = release.Task;
        using var cancellation = new CancellationTokenSource();
        var post = CreateClient().PostToConnectionAsync(ConnectionId, Encoding.UTF8.GetBytes("x"), cancellation.Token);
        await Eventually.HoldsAsync(() => server.Requests.Count == 1, "the request reaches the server");

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);
        release.SetResult();
    }

    [Fact]
    public async Task NoListenerIsATransportFailure()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/local");
        var client = new ManagementApiClient(httpClient, closed, Region, new BasicAWSCredentials(AccessKey, SecretKey));

        var result = await client.PostToConnectionAsync(ConnectionId, Encoding.UTF8.GetBytes("x"));

        Assert.Equal(new ManagementResult(ManagementOutcome.Failed, null, "TransportError"), result);
        Assert.True(result.IsRetryable);
    }

    private ManagementApiClient CreateClient(TimeSpan? timeout = null) => new(
        httpClient,
        new Uri(server.BaseAddress, "local"),
        Region,
        new SessionAWSCredentials(AccessKey, SecretKey, SessionToken),
        requestTimeout: timeout);
}
