using Rtc.Contracts;
using Rtc.Local.Hosting;

namespace Rtc.Local.Http;

/// <summary>Writes error answers the way AWS services do: a status, <c>x-amzn-ErrorType</c>, and a small JSON body.</summary>
internal static class AwsErrorResponses
{
    /// <summary>The header AWS clients classify errors by.</summary>
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>Answers <paramref name="status"/> with <paramref name="errorType"/> and, unless null, <c>{"message"}</c>.</summary>
    public static Task WriteAsync(HttpContext http, int status, string errorType, string? message, CancellationToken cancellationToken = default)
    {
        http.Response.StatusCode = status;
        http.Response.Headers[ErrorTypeHeader] = errorType;
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        return message is null
            ? Task.CompletedTask
            : WriteJsonAsync(http, new GatewayMessage(message), cancellationToken);
    }

    public static Task WriteJsonAsync(HttpContext http, GatewayMessage value, CancellationToken cancellationToken = default)
    {
        http.Response.ContentType = "application/json";
        return http.Response.Body.WriteAsync(JsonOutput.SerializeToUtf8Bytes(value, LocalJsonContext.Default.GatewayMessage), cancellationToken).AsTask();
    }
}
