using System.Text.Json;
using Rtc.Contracts;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Authorization;

/// <summary>
/// <c>RTC_HANDLER=authorizer</c>: the Lambda REQUEST authorizer of the WebSocket API's <c>$connect</c> route.
/// A valid token yields an Allow policy on the event's <c>methodArn</c> only, with the user id as
/// <c>principalId</c> and in the context. Every refusal (no token, an invalid token, a valid token for a route
/// other than <c>$connect</c>) is an explicit Deny on that <c>methodArn</c>, which API Gateway answers with 403.
/// </summary>
/// <remarks>
/// Refusing a token is normal traffic (a client reconnecting with an expired token), so it is a normal response:
/// Lambda counts it in no error metric, and the production <c>Errors</c> alarm stays quiet. Failing to check a
/// token is not: unreachable issuer keys (<see cref="KeysUnavailableErrorType"/>) or an event that is not an
/// authorizer event (<see cref="MalformedEventErrorType"/>) fail the invocation, which API Gateway answers with
/// 500 and Lambda counts in <c>Errors</c>.
/// </remarks>
public sealed class AuthorizerHandler : IInvocationHandler
{
    /// <summary>The error type reported when the issuer's keys cannot be fetched (API Gateway answers 500).</summary>
    public const string KeysUnavailableErrorType = "SigningKeysUnavailable";

    /// <summary>The error type reported for an event that is not a REQUEST authorizer event (API Gateway answers 500).</summary>
    public const string MalformedEventErrorType = "MalformedAuthorizerEvent";

    /// <summary>The <c>principalId</c> of a Deny for a caller whose token was not verified.</summary>
    public const string AnonymousPrincipal = "anonymous";

    private const string LogMessage = "authorizer";

    // A key set is a few kilobytes; a larger answer is not a JWKS and must not exhaust memory.
    private const int MaximumJwksBytes = 1024 * 1024;

    private readonly JwtValidator validator;
    private readonly FunctionLogger logger;
    private readonly TimeProvider clock;

    public AuthorizerHandler(AuthorizerSettings settings, ISigningKeySource keySource, TimeProvider clock, FunctionLogger logger)
    {
        validator = new JwtValidator(settings, keySource, clock);
        this.logger = logger;
        this.clock = clock;
    }

    /// <summary>
    /// The authorizer configured by <c>RTC_AUTH_*</c>. In JWKS mode it creates an <see cref="HttpClient"/> that
    /// lives as long as the process. Invalid settings throw <see cref="InvalidOperationException"/> (an init error).
    /// </summary>
    public static AuthorizerHandler FromServices(FunctionServices services)
    {
        var settings = AuthorizerSettings.FromEnvironment(services.Environment);
        ISigningKeySource keySource = settings.JwksUrl is { } jwksUrl
            ? new JwksKeySource(new HttpClient { MaxResponseContentBufferSize = MaximumJwksBytes }, jwksUrl, services.Clock)
            : new SharedSecretKeySource(settings.Hs256Secret!);
        return new AuthorizerHandler(settings, keySource, services.Clock, services.Logger);
    }

    /// <inheritdoc />
    public async Task<string> HandleAsync(string eventJson, InvocationContext context, CancellationToken cancellationToken = default)
    {
        var started = clock.GetTimestamp();
        if (Parse(eventJson) is not { } request)
        {
            // API Gateway always sends a well-formed event: anything else is a wiring fault, not a caller to refuse.
            Log(started, LogSeverity.Error, "error", RefusalReasons.MalformedEvent, null);
            throw new InvocationException(MalformedEventErrorType, "The event is not an API Gateway REQUEST authorizer event.");
        }

        var requestId = request.RequestContext.RequestId;
        if (request.FindToken() is not { } token)
        {
            return Deny(started, request, RefusalReasons.MissingToken);
        }

        TokenCheck check;
        try
        {
            check = await validator.ValidateAsync(token, cancellationToken);
        }
        catch (SigningKeysUnavailableException exception)
        {
            Log(started, LogSeverity.Error, "error", RefusalReasons.KeysUnavailable, requestId);
            throw new InvocationException(KeysUnavailableErrorType, exception.Message);
        }

        if (check.UserId is not { } userId)
        {
            return Deny(started, request, check.RefusalReason!);
        }

        // Only ever allow the $connect route this event is about; anything else means the authorizer is attached
        // to a route it was not built for.
        if (!request.TargetsConnectRoute)
        {
            return Deny(started, request, RefusalReasons.NotConnectRoute, userId);
        }

        Log(started, LogSeverity.Info, "allow", null, requestId, userId);
        return Serialize(AuthorizerResponse.For(userId, request.MethodArn, allow: true));
    }

    private static AuthorizerRequest? Parse(string eventJson)
    {
        try
        {
            return JsonSerializer.Deserialize(eventJson, AuthorizerJsonContext.Default.AuthorizerRequest);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // A refusal is an answer, not a failure: Lambda counts no error for it. The principal is the user only when
    // the token was verified.
    private string Deny(long started, AuthorizerRequest request, string reason, string? verifiedUserId = null)
    {
        Log(started, LogSeverity.Info, "deny", reason, request.RequestContext.RequestId, verifiedUserId);
        return Serialize(AuthorizerResponse.For(verifiedUserId ?? AnonymousPrincipal, request.MethodArn, allow: false));
    }

    private static string Serialize(AuthorizerResponse response) =>
        JsonOutput.Serialize(response, AuthorizerJsonContext.Default.AuthorizerResponse);

    private void Log(long started, LogSeverity level, string outcome, string? reason, string? requestId, string? userId = null) =>
        logger.Write(level, LogMessage, ("outcome", outcome), ("reason", reason), ("requestId", requestId), ("userId", userId),
            (FunctionLogger.DurationField, clock.GetElapsedTime(started).TotalMilliseconds));
}
