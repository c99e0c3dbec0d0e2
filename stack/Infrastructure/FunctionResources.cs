using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>A function with what belongs to it alone.</summary>
/// <param name="Function">The Lambda function.</param>
/// <param name="Role">Its execution role.</param>
/// <param name="LogGroup">Its log group.</param>
internal sealed record FunctionResources(ResourceRef Function, ResourceRef Role, ResourceRef LogGroup);
