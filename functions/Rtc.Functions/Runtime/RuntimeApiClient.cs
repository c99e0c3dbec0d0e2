using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Rtc.Contracts;

namespace Rtc.Functions.Runtime;

/// <summary>
/// The Runtime API over HTTP. It does not own <paramref name="httpClient"/>: whoever created it (see
/// <see cref="CreateHttpClient"/>) disposes it.
/// </summary>
public sealed class RuntimeApiClient(HttpClient httpClient) : IRuntimeApi
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>
    /// An HTTP client for <c>http://{hostAndPort}/2018-06-01/</c> (the value of <c>AWS_LAMBDA_RUNTIME_API</c>)
    /// with no timeout, because <c>next</c> blocks until an event arrives. The caller disposes it.
    /// </summary>
    public static HttpClient CreateHttpClient(string hostAndPort) => new()
    {
        BaseAddress = new Uri($"http://{hostAndPort}/2018-06-01/"),
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <inheritdoc />
    public async Task<RuntimeInvocation> GetNextInvocationAsync(CancellationToken cancellationToken = default)
    {
        using var response = await httpClient.GetAsync("runtime/invocation/next", cancellationToken);
        response.EnsureSuccessStatusCode();
        var eventJson = await response.Content.ReadAsStringAsync(cancellationToken);
        var requestId = Header(response, RuntimeApiHeaders.RequestId)
            ?? throw new InvalidOperationException($"The Runtime API sent an event without {RuntimeApiHeaders.RequestId}.");
        var deadline = long.TryParse(Header(response, RuntimeApiHeaders.DeadlineMs), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        var context = new InvocationContext(
            requestId,
            deadline,
            Header(response, RuntimeApiHeaders.InvokedFunctionArn),
            Header(response, RuntimeApiHeaders.TraceId));
        return new RuntimeInvocation(eventJson, context);
    }

    /// <inheritdoc />
    public async Task PostResponseAsync(string requestId, string responseJson, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(responseJson, Encoding.UTF8);
        content.Headers.ContentType = Json;
        using var response = await httpClient.PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <inheritdoc />
    public Task PostInvocationErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken = default) =>
        PostErrorAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    /// <inheritdoc />
    public Task PostInitErrorAsync(RuntimeError error, CancellationToken cancellationToken = default) =>
        PostErrorAsync("runtime/init/error", error, cancellationToken);

    private async Task PostErrorAsync(string path, RuntimeError error, CancellationToken cancellationToken)
    {
        using var content = new StringContent(JsonOutput.Serialize(error, RuntimeJsonContext.Default.RuntimeError), Encoding.UTF8);
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation(RuntimeApiHeaders.FunctionErrorType, error.ErrorType);
        using var response = await httpClient.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>Header names of the Lambda Runtime API.</summary>
public static class RuntimeApiHeaders
{
    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";

    /// <summary>When Lambda stops the invocation, epoch milliseconds.</summary>
    public const string DeadlineMs = "Lambda-Runtime-Deadline-Ms";

    /// <summary>The ARN the caller invoked.</summary>
    public const string InvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";

    /// <summary>The X-Ray trace header.</summary>
    public const string TraceId = "Lambda-Runtime-Trace-Id";

    /// <summary>The error type, on error posts.</summary>
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";

    /// <summary>The environment variable the X-Ray SDKs read the trace header from.</summary>
    public const string TraceIdEnvironmentVariable = "_X_AMZN_TRACE_ID";
}
