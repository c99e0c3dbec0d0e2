using System.Text.Json.Serialization;

namespace Rtc.Functions.Runtime;

/// <summary>Source-generated JSON for what the loop posts to the Runtime API.</summary>
[JsonSerializable(typeof(RuntimeError))]
public sealed partial class RuntimeJsonContext : JsonSerializerContext;
