using System.Net;

namespace Rtc.Functions.Management;

/// <summary>Turns a management API response (status and <c>x-amzn-ErrorType</c>) into a <see cref="ManagementResult"/>.</summary>
internal static class ManagementResults
{
    /// <summary>The response header in which API Gateway names the error.</summary>
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>What <see cref="ManagementResult.ErrorType"/> holds when the request timed out.</summary>
    public const string Timeout = "Timeout";

    /// <summary>What <see cref="ManagementResult.ErrorType"/> holds when no HTTP response arrived.</summary>
    public const string TransportError = "TransportError";

    /// <summary>Classifies one response. The error type wins over the status when both are known.</summary>
    public static ManagementResult FromResponse(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var errorType = ReadErrorType(response);
        var outcome = errorType switch
        {
            _ when response.IsSuccessStatusCode => ManagementOutcome.Delivered,
            "GoneException" => ManagementOutcome.Gone,
            "ForbiddenException" => ManagementOutcome.Forbidden,
            "PayloadTooLargeException" => ManagementOutcome.TooLarge,
            "LimitExceededException" or "ThrottlingException" => ManagementOutcome.Throttled,
            _ => response.StatusCode switch
            {
                HttpStatusCode.Gone => ManagementOutcome.Gone,
                HttpStatusCode.Forbidden => ManagementOutcome.Forbidden,
                HttpStatusCode.RequestEntityTooLarge => ManagementOutcome.TooLarge,
                HttpStatusCode.TooManyRequests => ManagementOutcome.Throttled,
                _ => ManagementOutcome.Failed,
            },
        };
        return new ManagementResult(outcome, status, errorType);
    }

    /// <summary>What <see cref="ManagementResult.ErrorType"/> holds when a success body could not be read.</summary>
    public const string UnreadableResponse = "UnreadableResponse";

    /// <summary>The request did not finish within the client's request timeout.</summary>
    public static ManagementResult TimedOut() => new(ManagementOutcome.Failed, null, Timeout);

    /// <summary>No response arrived (connection refused, reset, DNS failure).</summary>
    public static ManagementResult TransportFailed() => new(ManagementOutcome.Failed, null, TransportError);

    /// <summary>A 2xx answer whose body is not the documented JSON.</summary>
    public static ManagementResult UnreadableBody() => new(ManagementOutcome.Failed, 200, UnreadableResponse);

    // API Gateway may append ":{url}" to the type (Coral style); only the name matters.
    private static string? ReadErrorType(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ErrorTypeHeader, out var values) && values.FirstOrDefault() is { Length: > 0 } value
            ? value.Split(':', 2)[0].Trim()
            : null;
}
