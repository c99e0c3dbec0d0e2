using System.Text.Json.Serialization;

namespace Rtc.Functions.Publishing;

/// <summary>
/// What one publish came to: <c>{"users","stored","connections","delivered","gone","failed":[...]}</c>.
/// Every connection is counted once: <c>connections = delivered + gone + failed.length</c>.
/// </summary>
/// <param name="Users">Distinct users named.</param>
/// <param name="Stored">Users whose history stream the message was appended to: every user, or 0 with history off.</param>
/// <param name="Connections">Connections found for them.</param>
/// <param name="Delivered">Connections the message was posted to.</param>
/// <param name="Gone">Connections found closed (410); their rows were deleted.</param>
/// <param name="Failed">Connections the message did not reach.</param>
public sealed record PublishResult(int Users, int Stored, int Connections, int Delivered, int Gone, IReadOnlyList<FailedDelivery> Failed);

/// <summary>A connection the message did not reach.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="UserId">Its user.</param>
/// <param name="Status">The last HTTP status from the management API, or null when none arrived (timeout, deadline).</param>
/// <param name="Error">The last <c>x-amzn-ErrorType</c> or a local reason such as <c>Timeout</c> or <c>DeadlineExceeded</c>.</param>
public sealed record FailedDelivery(string ConnectionId, string UserId, int? Status, string Error);

/// <summary>Source-generated JSON for the publisher's result.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PublishResult))]
public sealed partial class PublishJsonContext : JsonSerializerContext;
