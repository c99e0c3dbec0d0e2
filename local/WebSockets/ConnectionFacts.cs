using System.Text.Json;

namespace Rtc.Local.WebSockets;

/// <summary>The facts about a connection every later event repeats.</summary>
/// <param name="ConnectionId">The connection id.</param>
/// <param name="ConnectedAt">When the connection opened.</param>
/// <param name="DomainName">The host the client connected to.</param>
/// <param name="SourceIp">The client's address.</param>
/// <param name="UserAgent">The client's user agent.</param>
/// <param name="Authorizer">The authorizer's principal and context, when one ran.</param>
internal sealed record ConnectionFacts(
    string ConnectionId,
    DateTimeOffset ConnectedAt,
    string DomainName,
    string? SourceIp,
    string? UserAgent,
    Dictionary<string, JsonElement>? Authorizer);
