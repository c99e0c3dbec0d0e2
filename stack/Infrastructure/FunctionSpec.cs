using System.Text.Json.Nodes;

namespace Rtc.Stack.Infrastructure;

/// <summary>One Lambda function of the stack.</summary>
/// <param name="HandlerName">Its <c>RTC_HANDLER</c> (a <c>HandlerCatalog</c> name); also its logical-name prefix.</param>
/// <param name="Environment">Environment variables besides <c>RTC_HANDLER</c>.</param>
/// <param name="Grants">Statements its role needs besides writing its own logs.</param>
internal sealed record FunctionSpec(string HandlerName, JsonObject Environment, IReadOnlyList<JsonObject> Grants);
