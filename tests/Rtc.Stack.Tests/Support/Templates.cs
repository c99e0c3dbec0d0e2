namespace Rtc.Stack.Tests.Support;

/// <summary>The templates under test, and lookups into them.</summary>
internal static class Templates
{
    /// <summary>The dev stack's template (from Pulumi.dev.yaml).</summary>
    public static JsonObject Dev() => StackRun.ForStack("dev").Template();

    /// <summary>The prod stack's template (from Pulumi.prod.yaml, its placeholders filled in).</summary>
    public static JsonObject Prod() => StackRun.ForProd().Template();

    /// <summary>The template printed without a stack.</summary>
    public static JsonObject NoStack() => StackRun.WithoutStack().Template();

    /// <summary>A template by name: <c>dev</c>, <c>prod</c> or <c>none</c>.</summary>
    public static JsonObject Named(string name) => name switch
    {
        "dev" => Dev(),
        "prod" => Prod(),
        _ => NoStack(),
    };

    /// <summary>The template's resources.</summary>
    public static JsonObject Resources(this JsonObject template) => template["resources"]!.AsObject();

    /// <summary>A resource's properties.</summary>
    public static JsonObject Properties(this JsonObject template, string logicalName) =>
        template.Resources()[logicalName]!["properties"]!.AsObject();

    /// <summary>Logical names of the resources of a type.</summary>
    public static IReadOnlyList<string> OfType(this JsonObject template, string type) =>
        [.. template.Resources().Where(resource => (string?)resource.Value!["type"] == type).Select(resource => resource.Key)];
}
