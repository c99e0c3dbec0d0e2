using System.Text.Json;

namespace Rtc.Local.Authorization;

/// <summary>What the <c>$connect</c> authorizer decided: refuse with a status, or allow with <c>requestContext.authorizer</c>.</summary>
/// <param name="RefusalStatus">The handshake status when refused (401, 403 or 500); null when allowed.</param>
/// <param name="Context">When allowed: <c>principalId</c> and the returned context, flattened, plus <c>integrationLatency</c>.</param>
public sealed record AuthorizerDecision(int? RefusalStatus, Dictionary<string, JsonElement>? Context)
{
    /// <summary>Refuses the handshake with <paramref name="status"/>.</summary>
    public static AuthorizerDecision Refuse(int status) => new(status, null);

    /// <summary>Allows the connection with <paramref name="context"/>.</summary>
    public static AuthorizerDecision Allow(Dictionary<string, JsonElement> context) => new(null, context);
}
