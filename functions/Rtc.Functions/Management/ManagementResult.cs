using System.Net;

namespace Rtc.Functions.Management;

/// <summary>What a management API (@connections) call came to, from its status and <c>x-amzn-ErrorType</c>.</summary>
public enum ManagementOutcome
{
    /// <summary>2xx: posted.</summary>
    Delivered,

    /// <summary>410 GoneException: the connection is closed; its row should go.</summary>
    Gone,

    /// <summary>403 ForbiddenException: bad signature, missing permission or wrong stage. Not retried.</summary>
    Forbidden,

    /// <summary>413 PayloadTooLargeException: over 128 KB. Not retried.</summary>
    TooLarge,

    /// <summary>429 LimitExceededException: throttled or the client's buffer is full. Retried.</summary>
    Throttled,

    /// <summary>Any other answer, a timeout or a transport failure. Retried when 5xx or no answer at all.</summary>
    Failed,
}

/// <summary>The typed result of one management API call.</summary>
/// <param name="Outcome">What the call came to.</param>
/// <param name="StatusCode">The HTTP status, or null when no response arrived (timeout, transport error).</param>
/// <param name="ErrorType">The <c>x-amzn-ErrorType</c> header (without any <c>:</c> suffix), or a local description.</param>
public sealed record ManagementResult(ManagementOutcome Outcome, int? StatusCode = null, string? ErrorType = null)
{
    /// <summary>The response header in which API Gateway names the error.</summary>
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>What <see cref="ErrorType"/> holds when the request timed out.</summary>
    public const string Timeout = "Timeout";

    /// <summary>What <see cref="ErrorType"/> holds when no HTTP response arrived.</summary>
    public const string TransportError = "TransportError";

    /// <summary>
    /// Whether the same post may succeed if tried again: 429, 5xx, a timeout or no answer at all. 403, 413 and
    /// other 4xx answers would only repeat; 410 is final and means the row goes.
    /// </summary>
    public bool IsRetryable =>
        Outcome == ManagementOutcome.Throttled
        || (Outcome == ManagementOutcome.Failed && StatusCode is null or >= 500);

    /// <summary>Classifies one response. The error type wins over the status when both are known.</summary>
    public static ManagementResult FromResponse(HttpResponseMessage response)
    {
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
        return new ManagementResult(outcome, (int)response.StatusCode, errorType);
    }

    /// <summary>The request did not finish within the client's request timeout.</summary>
    public static ManagementResult TimedOut() => new(ManagementOutcome.Failed, null, Timeout);

    /// <summary>No response arrived (connection refused, reset, DNS failure).</summary>
    public static ManagementResult TransportFailed() => new(ManagementOutcome.Failed, null, TransportError);

    // API Gateway may append ":{url}" to the type (Coral style); only the name matters.
    private static string? ReadErrorType(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ErrorTypeHeader, out var values) && values.FirstOrDefault() is { Length: > 0 } value
            ? value.Split(':', 2)[0].Trim()
            : null;
}
