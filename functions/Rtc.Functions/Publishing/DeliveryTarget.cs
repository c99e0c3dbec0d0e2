namespace Rtc.Functions.Publishing;

/// <summary>One connection to post to, with the user it belongs to.</summary>
internal readonly record struct DeliveryTarget(string UserId, string ConnectionId);
