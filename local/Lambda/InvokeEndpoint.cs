using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Local.Configuration;
using Rtc.Local.Hosting;
using Rtc.Local.Http;
using Rtc.Local.Signing;

namespace Rtc.Local.Lambda;

/// <summary>
/// Lambda's Invoke API, <c>POST /2015-03-31/functions/{name}/invocations</c>, so the AWS CLI and SDKs can run
/// the hosted functions: SigV4 (service <c>lambda</c>), functions named by name or ARN, <c>$LATEST</c> as the
/// only version, the <c>RequestResponse</c>, <c>Event</c> and <c>DryRun</c> invocation types with Lambda's
/// payload quotas, <c>LogType: Tail</c>, and function errors as 200 with <c>X-Amz-Function-Error: Unhandled</c>.
/// </summary>
internal sealed class InvokeEndpoint(GatewayOptions options, FunctionInvoker invoker, SignatureValidator verifier, FunctionLogger logger)
{
    public const string SigningService = "lambda";

    // Lambda's payload quotas: 6 MB for a synchronous invocation, 1 MB for an asynchronous one (raised from
    // 256 KB in October 2025); the Invoke API reference states both.
    private const int MaxPayloadBytes = 6 * 1024 * 1024;
    private const int MaxEventPayloadBytes = 1024 * 1024;

    // Lambda returns at most this much of the invocation's log in X-Amz-Log-Result.
    private const int MaxLogTailBytes = 4 * 1024;

    private const string InvocationTypeHeader = "X-Amz-Invocation-Type";
    private const string LogTypeHeader = "X-Amz-Log-Type";
    private const string LogResultHeader = "X-Amz-Log-Result";
    private const string TooLarge = "RequestEntityTooLargeException";

    /// <summary>Handles one invoke of <paramref name="functionName"/> (a name, an ARN or a partial ARN, optionally qualified).</summary>
    public async Task HandleAsync(HttpContext http, string functionName)
    {
        var cancellationToken = http.RequestAborted;
        var body = await RequestBody.ReadAsync(http.Request, MaxPayloadBytes, cancellationToken);
        if (body is null)
        {
            await WriteServiceErrorAsync(http, StatusCodes.Status413PayloadTooLarge, TooLarge, $"Request must be smaller than {MaxPayloadBytes} bytes for the InvokeFunction operation");
            return;
        }

        var invocationType = http.Request.Headers[InvocationTypeHeader].ToString();
        if (invocationType == "Event" && body.Length > MaxEventPayloadBytes)
        {
            await WriteServiceErrorAsync(http, StatusCodes.Status413PayloadTooLarge, TooLarge,
                $"{body.Length} byte payload is too large for the Event invocation type (limit {MaxEventPayloadBytes} bytes)");
            return;
        }

        if (options.RequireSignature && verifier.Check(http.Request, SigningService, body) is { IsValid: false } refusal)
        {
            await WriteServiceErrorAsync(http, StatusCodes.Status403Forbidden, refusal.ErrorType!, refusal.Message);
            return;
        }

        var reference = FunctionReference.Parse(functionName);
        var qualifier = http.Request.Query["Qualifier"].ToString() is { Length: > 0 } value ? value : null;
        if (reference?.Qualifier is { } derived && qualifier is not null && derived != qualifier)
        {
            await WriteServiceErrorAsync(http, StatusCodes.Status400BadRequest, "InvalidParameterValueException",
                "The derived qualifier from the function name does not match the specified qualifier.");
            return;
        }

        reference = reference is null ? null : reference with { Qualifier = reference.Qualifier ?? qualifier };
        if (reference is null || !IsHosted(reference))
        {
            var arn = reference?.ArnIn(options.Region, FunctionInvoker.AccountId) ?? invoker.ArnOf(functionName);
            var hint = reference?.Name == HandlerNames.Authorizer ? " (the authorizer is not configured: start the gateway with --auth jwt)" : "";
            await WriteServiceErrorAsync(http, StatusCodes.Status404NotFound, "ResourceNotFoundException", $"Function not found: {arn}{hint}");
            return;
        }

        if (Payload(body) is not { } payload)
        {
            await WriteServiceErrorAsync(http, StatusCodes.Status400BadRequest, "InvalidRequestContentException", "Could not parse request body into json");
            return;
        }

        http.Response.Headers["X-Amz-Executed-Version"] = FunctionReference.LatestVersion;
        switch (invocationType)
        {
            case "" or "RequestResponse":
                await InvokeSynchronouslyAsync(http, reference.Name, payload);
                return;
            case "Event":
                // Lambda queues the event and answers at once; the function runs on its own.
                _ = invoker.InvokeAsync(reference.Name, payload, CancellationToken.None);
                http.Response.StatusCode = StatusCodes.Status202Accepted;
                return;
            case "DryRun":
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            default:
                await WriteServiceErrorAsync(http, StatusCodes.Status400BadRequest, "InvalidParameterValueException", "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun.");
                return;
        }
    }

    // Every version but $LATEST is unknown: nothing is published locally.
    private bool IsHosted(FunctionReference reference) =>
        (reference.Region ?? options.Region) == options.Region
        && (reference.AccountId ?? FunctionInvoker.AccountId) == FunctionInvoker.AccountId
        && reference.Qualifier is null or FunctionReference.LatestVersion
        && invoker.Hosts(reference.Name);

    private async Task InvokeSynchronouslyAsync(HttpContext http, string name, string payload)
    {
        // Only a synchronous invocation returns its log, and only when asked.
        InvocationLog? log = null;
        if (http.Request.Headers[LogTypeHeader] == "Tail")
        {
            log = new InvocationLog();
            FunctionLogger.Observe(log.Append);
        }

        var outcome = await invoker.InvokeAsync(name, payload, http.RequestAborted);
        if (log is not null)
        {
            http.Response.Headers[LogResultHeader] = Convert.ToBase64String(log.Tail(MaxLogTailBytes));
        }

        logger.Write(LogSeverity.Info, "invoke", ("function", name), ("outcome", outcome.Succeeded ? "succeeded" : outcome.ErrorType));
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        if (outcome.Succeeded)
        {
            await http.Response.WriteAsync(outcome.Response ?? "null", http.RequestAborted);
            return;
        }

        http.Response.Headers["X-Amz-Function-Error"] = "Unhandled";
        var error = new RuntimeError(outcome.ErrorMessage ?? "", outcome.ErrorType!);
        await http.Response.Body.WriteAsync(JsonOutput.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.RuntimeError), http.RequestAborted);
    }

    private static async Task WriteServiceErrorAsync(HttpContext http, int status, string errorType, string message)
    {
        http.Response.StatusCode = status;
        http.Response.Headers[AwsErrorResponses.ErrorTypeHeader] = errorType;
        http.Response.ContentType = "application/json";
        var error = new LambdaServiceError("User", message);
        await http.Response.Body.WriteAsync(JsonOutput.SerializeToUtf8Bytes(error, LocalJsonContext.Default.LambdaServiceError), http.RequestAborted);
    }

    // The payload as text when it is UTF-8 JSON (an empty body is {}); null otherwise: Lambda refuses both
    // bytes that are not UTF-8 and text that is not JSON.
    private static string? Payload(byte[] body) => body.Length == 0 ? "{}" : RequestBody.JsonText(body);
}
