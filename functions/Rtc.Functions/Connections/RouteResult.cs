using Rtc.Functions.Contracts;

namespace Rtc.Functions.Connections;

/// <summary>What one route made of an event: the integration response and what the log line says about it.</summary>
/// <param name="Response">Returned to API Gateway.</param>
/// <param name="Outcome">A short fixed word for the log, e.g. <c>connected</c> or <c>refused</c>.</param>
/// <param name="UserId">The user, when the route knows it.</param>
/// <param name="Reply">For routes that answer the sender: what the management API made of the reply.</param>
public sealed record RouteResult(WebSocketResponse Response, string Outcome, string? UserId = null, string? Reply = null)
{
    /// <summary>A response with <paramref name="statusCode"/> and an optional short plain-text body.</summary>
    public static WebSocketResponse Status(int statusCode, string? body = null) => new() { StatusCode = statusCode, Body = body };
}
