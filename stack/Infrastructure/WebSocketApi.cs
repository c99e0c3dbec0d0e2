using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>The WebSocket API and its stage.</summary>
/// <param name="Api">The API.</param>
/// <param name="Stage">The stage named after the stack.</param>
/// <param name="Domain">Interpolation of <c>{apiId}.execute-api.{region}.{dnsSuffix}</c>.</param>
internal sealed record WebSocketApi(ResourceRef Api, ResourceRef Stage, string Domain);
