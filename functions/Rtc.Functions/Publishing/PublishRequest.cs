namespace Rtc.Functions.Publishing;

/// <summary>A validated publish request: whom to notify and the message, already serialised once.</summary>
/// <param name="UserIds">Distinct user ids, in the order the caller gave them.</param>
/// <param name="Message">The UTF-8 JSON bytes posted to every connection.</param>
public sealed record PublishRequest(IReadOnlyList<string> UserIds, byte[] Message);
