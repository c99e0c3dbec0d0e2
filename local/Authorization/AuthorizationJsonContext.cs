using System.Text.Json.Serialization;

namespace Rtc.Local.Authorization;

/// <summary>Source-generated JSON for values the gateway adds to <c>requestContext.authorizer</c>.</summary>
[JsonSerializable(typeof(long))]
internal sealed partial class AuthorizationJsonContext : JsonSerializerContext;
