using Rtc.Contracts;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Connections;

/// <summary>
/// Decides who a <c>$connect</c> belongs to. This is the authorisation seam: with <see cref="AuthMode.Jwt"/> the
/// user comes only from the verified token (the authorizer's <c>principalId</c>), never from the client.
/// </summary>
public sealed class ConnectUserResolver(AuthMode mode)
{
    /// <summary>
    /// The handshake status when no user can be found: 401 when a token is required (the authorizer let no
    /// principal through), 400 when the client simply left out <c>user_id</c>.
    /// </summary>
    public int MissingUserStatus => mode == AuthMode.Jwt ? 401 : 400;

    /// <summary>Reads <c>RTC_AUTH</c>: <c>none</c> (default) or <c>jwt</c>; anything else throws, naming both.</summary>
    public static ConnectUserResolver FromEnvironment(IFunctionEnvironment environment)
    {
        var name = environment.Get(EnvironmentVariables.AuthMode) ?? AuthModes.None;
        return AuthModes.TryParse(name, out var parsed)
            ? new ConnectUserResolver(parsed)
            : throw new InvalidOperationException(
                $"{EnvironmentVariables.AuthMode} is '{name}'; allowed values: {string.Join(", ", AuthModes.Names)}.");
    }

    /// <summary>The connecting user's id as given (not yet validated), or null when there is none.</summary>
    public string? UserOf(WebSocketRequest request)
    {
        var principal = request.RequestContext.AuthorizerPrincipalId;
        if (mode == AuthMode.Jwt || !string.IsNullOrEmpty(principal))
        {
            return principal;
        }

        return request.QueryStringParameters is { } query && query.TryGetValue(Handshake.UserIdQueryParameter, out var userId) ? userId : null;
    }
}
