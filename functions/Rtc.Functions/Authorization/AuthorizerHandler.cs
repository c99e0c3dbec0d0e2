using System.Text.Json;
using Rtc.Functions.Composition;
using Rtc.Functions.Contracts;
using Rtc.Functions.Logging;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Authorization;

/// <summary>
/// <c>RTC_HANDLER=authorizer</c>: the Lambda REQUEST authorizer of the WebSocket API's <c>$connect</c> route.
/// A valid token yields an Allow policy on the event's <c>methodArn</c> only, with the user id as
/// <c>principalId</c> and in the context. A missing or invalid token fails the invocation with the message
/// <see cref="UnauthorizedMessage"/>, which API Gateway answers with 401; a valid token presented to a route
/// other than <c>$connect</c> gets an explicit Deny (403); unreachable issuer keys fail with another error (500).
/// </summary>
public sealed class AuthorizerHandler : IInvocationHandler
{
    /// <summary>The exact error message API Gateway turns into 401 Unauthorized.</summary>
    public const string UnauthorizedMessage = "Unauthorized";

    /// <summary>The error type reported when the issuer's keys cannot be fetched (API Gateway answers 500).</summary>
    public const string KeysUnavailableErrorType = "SigningKeysUnavailable";

    private const string LogMessage = "authorizer";

    // A key set is a few kilobytes; a larger answer is not a JWKS and must not exhaust memory.
    private const int MaximumJwksBytes = 1024 * 1024;

    private readonly JwtValidator validator;
    private readonly FunctionLogger logger;

    /// <summary>An authorizer that checks tokens against <paramref name="settings"/> with keys from <paramref name="keySource"/>.</summary>
    public AuthorizerHandler(AuthorizerSettings settings, ISigningKeySource keySource, TimeProvider clock, FunctionLogger logger)
    {
        validator = new JwtValidator(settings, keySource, clock);
        this.logger = logger;
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
        if (Parse(eventJson) is not { } request)
        {
            throw Unauthorized(RefusalReasons.MalformedEvent, null);
        }

        var requestId = request.RequestContext.RequestId;
        if (request.FindToken() is not { } token)
        {
            throw Unauthorized(RefusalReasons.MissingToken, requestId);
        }

        TokenCheck check;
        try
        {
            check = await validator.ValidateAsync(token, cancellationToken);
        }
        catch (SigningKeysUnavailableException exception)
        {
            Log(LogSeverity.Error, "error", RefusalReasons.KeysUnavailable, requestId);
            throw new InvocationException(KeysUnavailableErrorType, exception.Message);
        }

        if (check.UserId is not { } userId)
        {
            throw Unauthorized(check.RefusalReason!, requestId);
        }

        // Only ever allow the $connect route this event is about; anything else means the authorizer is attached
        // to a route it was not built for.
        var isConnect = request.TargetsConnectRoute;
        Log(LogSeverity.Info, isConnect ? "allow" : "deny", isConnect ? null : RefusalReasons.NotConnectRoute, requestId, userId);
        var response = AuthorizerResponse.For(userId, request.MethodArn, isConnect);
        return JsonOutput.Serialize(response, AuthorizerJsonContext.Default.AuthorizerResponse);
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

    private InvocationException Unauthorized(string reason, string? requestId)
    {
        Log(LogSeverity.Info, "unauthorized", reason, requestId);
        return new InvocationException(UnauthorizedMessage, UnauthorizedMessage);
    }

    private void Log(LogSeverity level, string outcome, string? reason, string? requestId, string? userId = null) =>
        logger.Write(level, LogMessage, ("outcome", outcome), ("reason", reason), ("requestId", requestId), ("userId", userId));
}
