namespace Rtc.Functions.Management;

/// <summary>What a management API (@connections) call came to, from its status and <c>x-amzn-ErrorType</c>.</summary>
public enum ManagementOutcome
{
    /// <summary>2xx: posted, read or deleted.</summary>
    Delivered,

    /// <summary>410 GoneException: the connection is closed; its row should go.</summary>
    Gone,

    /// <summary>403 ForbiddenException: bad signature, missing permission or wrong stage. Not retried.</summary>
    Forbidden,

    /// <summary>413 PayloadTooLargeException: over 128 KB. Not retried.</summary>
    TooLarge,

    /// <summary>429 LimitExceededException: throttled or the client's buffer is full. Retried.</summary>
    Throttled,

    /// <summary>5xx, a timeout or a transport failure. Retried.</summary>
    Failed,
}
