using System.Text.Json.Serialization;

namespace Rtc.Functions.Contracts;

/// <summary>
/// Source-generated JSON for API Gateway's WebSocket contracts. Unknown fields are ignored and nulls accepted,
/// because API Gateway adds fields over time.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(WebSocketRequest))]
[JsonSerializable(typeof(WebSocketResponse))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
