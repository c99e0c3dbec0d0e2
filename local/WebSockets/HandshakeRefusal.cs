using Rtc.Local.Http;

namespace Rtc.Local.WebSockets;

/// <summary>
/// An opening handshake answered with an HTTP error instead of 101: the status, the <c>x-amzn-ErrorType</c>
/// clients classify it by, and API Gateway's <c>{"message"}</c> body.
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="ErrorType">The <c>x-amzn-ErrorType</c> header; null for the WebSocket protocol's own refusals (RFC 6455), which are no AWS error.</param>
/// <param name="Message">The body's <c>message</c>.</param>
internal sealed record HandshakeRefusal(int Status, string? ErrorType, string Message)
{
    /// <summary>The only WebSocket version there is (RFC 6455), and the only one API Gateway speaks.</summary>
    public const string SupportedVersion = "13";

    /// <summary>No token (a missing identity source) or an authorizer failing with <c>Unauthorized</c>: API Gateway's 401.</summary>
    public static HandshakeRefusal Unauthorized { get; } = new(StatusCodes.Status401Unauthorized, "UnauthorizedException", "Unauthorized");

    /// <summary>The authorizer's policy does not allow <c>$connect</c> (the project's authorizer refusing a token).</summary>
    public static HandshakeRefusal Forbidden { get; } = new(StatusCodes.Status403Forbidden, "ForbiddenException", "Forbidden");

    /// <summary>The authorizer or the <c>$connect</c> integration failed.</summary>
    public static HandshakeRefusal InternalServerError { get; } = new(StatusCodes.Status500InternalServerError, "InternalServerErrorException", "Internal server error");

    /// <summary>Over the new-connection rate.</summary>
    public static HandshakeRefusal TooManyRequests { get; } = new(StatusCodes.Status429TooManyRequests, "LimitExceededException", "Too Many Requests");

    /// <summary>RFC 6455 section 4.4: a version the server does not speak is answered 426 with the versions it does.</summary>
    public static HandshakeRefusal UnsupportedVersion { get; } =
        new(StatusCodes.Status426UpgradeRequired, null, $"Sec-WebSocket-Version must be {SupportedVersion}");

    /// <summary>RFC 6455 section 4.2.1: a handshake the server cannot read is answered 400.</summary>
    public static HandshakeRefusal BadRequest(string message) => new(StatusCodes.Status400BadRequest, null, message);

    /// <summary>The refusal for the authorizer's decision <paramref name="status"/> (401, 403, or 500 for anything else).</summary>
    public static HandshakeRefusal ForAuthorizer(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        _ => InternalServerError,
    };

    public Task WriteAsync(HttpContext http)
    {
        if (Status == StatusCodes.Status426UpgradeRequired)
        {
            http.Response.Headers.SecWebSocketVersion = SupportedVersion;
        }

        if (ErrorType is null)
        {
            http.Response.StatusCode = Status;
            return AwsErrorResponses.WriteJsonAsync(http, new GatewayMessage(Message), http.RequestAborted);
        }

        return AwsErrorResponses.WriteAsync(http, Status, ErrorType, Message, http.RequestAborted);
    }
}
