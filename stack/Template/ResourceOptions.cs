namespace Rtc.Stack.Template;

/// <summary>The resource options the program uses (Pulumi's <c>options:</c> block).</summary>
/// <param name="Protect">Refuse to delete the resource. Default false.</param>
/// <param name="DependsOn">Explicit dependencies beyond those the interpolations imply.</param>
internal sealed record ResourceOptions(bool Protect = false, IReadOnlyList<ResourceRef>? DependsOn = null);
