using System.Text.Json.Serialization;

namespace Rtc.Local.Tests.Support;

/// <summary>A message carrying its sequence number.</summary>
/// <param name="Seq">The sequence number, or <c>end</c>.</param>
public sealed record Sequenced([property: JsonPropertyName("seq")] string Seq);
