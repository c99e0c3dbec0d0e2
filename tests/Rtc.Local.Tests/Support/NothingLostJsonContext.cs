using System.Text.Json.Serialization;

namespace Rtc.Local.Tests.Support;

/// <summary>Source-generated JSON for the publish requests the tests send.</summary>
[JsonSerializable(typeof(PublishRequest))]
public sealed partial class NothingLostJsonContext : JsonSerializerContext;
