using System.Text.Json.Serialization;

namespace Rtc.Local.Tests.Support;

/// <summary>The publisher's input: users and a message.</summary>
/// <param name="UserIds">Who receives the message.</param>
/// <param name="Message">What they receive.</param>
public sealed record PublishRequest([property: JsonPropertyName("userIds")] string[] UserIds, [property: JsonPropertyName("message")] Sequenced Message);
