namespace Rtc.Functions.Publishing;

/// <summary>
/// What one publish came to: <c>{"users","connections","delivered","gone","failed":[...]}</c>.
/// Every connection is counted once: <c>connections = delivered + gone + failed.length</c>.
/// </summary>
/// <param name="Users">Distinct users named.</param>
/// <param name="Connections">Connections found for them.</param>
/// <param name="Delivered">Connections the message was posted to.</param>
/// <param name="Gone">Connections found closed (410); their rows were deleted.</param>
/// <param name="Failed">Connections the message did not reach.</param>
public sealed record PublishResult(int Users, int Connections, int Delivered, int Gone, IReadOnlyList<FailedDelivery> Failed);
