using System.Text;
using System.Text.Json;
using Rtc.Functions.Contracts;
using Rtc.Functions.Logging;
using Rtc.Functions.Runtime;
using Rtc.Local.Configuration;
using Rtc.Local.Hosting;
using Rtc.Local.Http;
using Rtc.Local.Json;
using Rtc.Local.Signing;

namespace Rtc.Local.Lambda;

/// <summary>
/// Lambda's Invoke API, <c>POST /2015-03-31/functions/{name}/invocations</c>, so the AWS CLI and SDKs can run
/// the hosted functions: SigV4 (service <c>lambda</c>), <c>RequestResponse</c> and <c>Event</c> invocation types,
/// and function errors as 200 with <c>X-Amz-Function-Error: Unhandled</c>.
/// </summary>
public sealed class InvokeEndpoint(GatewayOptions options, FunctionInvoker invoker, SignatureValidator verifier, FunctionLogger logger)
{
    /// <summary>The SigV4 service name of Lambda.</summary>
    public const string SigningService = "lambda";

    // Lambda's synchronous payload quota.
    private const int MaxPayloadBytes = 6 * 1024 * 1024;

    /// <summary>Handles one invoke of <paramref name="functionName"/> (a name or a function ARN).</summary>
    public async Task HandleAsync(HttpContext http, string functionName)
    {
        var cancellationToken = http.RequestAborted;
        var body = await RequestBody.ReadAsync(http.Request, MaxPayloadBytes, cancellationToken);
        if (body is null)
        {
            await WriteServiceErrorAsync(http, StatusCodes.Status413PayloadTooLarge, "RequestTooLargeException", "Request must be smaller than 6291456 bytes for the InvokeFunction operation");
            return;
        }

        if (options.RequireSignature && verifier.Check(http.Request, SigningService, body) is { IsValid: false } refusal)
        {
            await WriteServiceErrorAsync(http, StatusCodes.Status403Forbidden, refusal.ErrorType!, refusal.Message);
            return;
        }

        // Lambda accepts a plain name or a function ARN (arn:aws:lambda:{region}:{account}:function:{name}).
        var name = functionName.Split(':') is [.., "function", var arnName] ? arnName : functionName;
        if (!invoker.Hosts(name))
        {
            await WriteServiceErrorAsync(http, StatusCodes.Status404NotFound, "ResourceNotFoundException", $"Function not found: {invoker.ArnOf(name)}");
            return;
        }

        var payload = body.Length == 0 ? "{}" : Encoding.UTF8.GetString(body);
        if (!IsJson(payload))
        {
            await WriteServiceErrorAsync(http, StatusCodes.Status400BadRequest, "InvalidRequestContentException", "Could not parse request body into json");
            return;
        }

        http.Response.Headers["X-Amz-Executed-Version"] = "$LATEST";
        switch (http.Request.Headers["X-Amz-Invocation-Type"].ToString())
        {
            case "" or "RequestResponse":
                await InvokeSynchronouslyAsync(http, name, payload);
                return;
            case "Event":
                // Lambda queues the event and answers at once; the function runs on its own.
                _ = invoker.InvokeAsync(name, payload, CancellationToken.None);
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

    private async Task InvokeSynchronouslyAsync(HttpContext http, string name, string payload)
    {
        var outcome = await invoker.InvokeAsync(name, payload, http.RequestAborted);
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

    private static bool IsJson(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
