using Rtc.Contracts;
using Rtc.Functions.Publishing;
using Rtc.Functions.Runtime;
using Rtc.Local.Hosting;
using Rtc.Local.Http;

namespace Rtc.Local.Demo;

/// <summary>
/// <c>POST /@local/publish</c>: runs the real publisher with the request body as its input and answers with its
/// result. Unsigned, unlike the Invoke API (a convenience for pages and <c>curl</c>, with no AWS counterpart):
/// anything that can reach the loopback port can publish to any user.
/// </summary>
internal sealed class PublishEndpoint(FunctionInvoker invoker, FunctionLogger logger)
{
    // Far above any valid input (1,000 user ids and a 128 KB message); a larger body is refused unread.
    private const int MaxInputBytes = 1024 * 1024;
    private const string InvalidRequestContent = "InvalidRequestContent";

    /// <summary>Handles one publish: 200 with the result, 400 for input the publisher (or JSON) refuses, 500 when the publisher failed.</summary>
    public async Task HandleAsync(HttpContext http)
    {
        var body = await RequestBody.ReadAsync(http.Request, MaxInputBytes, http.RequestAborted);
        if (body is null)
        {
            await WriteErrorAsync(http, StatusCodes.Status413PayloadTooLarge, InvalidRequestContent, $"The publisher's input must be smaller than {MaxInputBytes} bytes.");
            return;
        }

        if (RequestBody.JsonText(body) is not { } input)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, InvalidRequestContent,
                """The body must be the publisher's input as JSON, e.g. {"userId":"alice","message":{"text":"hello"}}.""");
            return;
        }

        var outcome = await invoker.InvokeAsync(HandlerNames.Publisher, input, http.RequestAborted);
        logger.Write(LogSeverity.Info, "publish", ("outcome", outcome.Succeeded ? "succeeded" : outcome.ErrorType));
        if (outcome.Succeeded)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(outcome.Response ?? "null", http.RequestAborted);
            return;
        }

        var status = outcome.ErrorType == InvalidPublishRequest.ErrorType ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
        await WriteErrorAsync(http, status, outcome.ErrorType!, outcome.ErrorMessage ?? "");
    }

    // Lambda's error pair, as `aws lambda invoke` shows a failed publish.
    private static Task WriteErrorAsync(HttpContext http, int status, string errorType, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.Body.WriteAsync(
            JsonOutput.SerializeToUtf8Bytes(new RuntimeError(message, errorType), RuntimeJsonContext.Default.RuntimeError), http.RequestAborted).AsTask();
    }
}
