namespace Rtc.Stack.Configuration;

/// <summary>
/// One project config key as <c>Pulumi.yaml</c> declares it: its Pulumi type (<c>string</c>, <c>integer</c> or
/// <c>boolean</c>), its default and what values it allows.
/// </summary>
/// <param name="Name">The key without the project namespace, e.g. <c>memorySize</c>.</param>
/// <param name="Type">The Pulumi config type.</param>
/// <param name="Default">The default, as Pulumi.yaml spells it.</param>
/// <param name="Allowed">What values are allowed, in words; error messages quote it.</param>
/// <param name="Secret">Whether the value must be set with <c>pulumi config set --secret</c>.</param>
internal sealed record ConfigKeyDefinition(string Name, string Type, string Default, string Allowed, bool Secret = false);
