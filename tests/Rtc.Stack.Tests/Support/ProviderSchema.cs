using Rtc.Stack.Template;

namespace Rtc.Stack.Tests.Support;

/// <summary>The pinned AWS provider's input/output schema, from the repository's own copy of the data.</summary>
internal sealed class ProviderSchema
{
    private readonly JsonObject root;

    private ProviderSchema(JsonObject root) => this.root = root;

    /// <summary>The schema of the version the program pins, loaded once.</summary>
    public static ProviderSchema Pinned { get; } = new(JsonNode.Parse(File.ReadAllText(
        RepositoryPaths.PathOf($"stack/schema/pulumi-aws-{StackTemplate.AwsProviderVersion}-inputs.json")))!.AsObject());

    /// <summary>The provider version the data was extracted from.</summary>
    public string Version => (string)root["source"]!["version"]!;

    /// <summary>A resource type's schema, or null when the type does not exist.</summary>
    public JsonObject? Resource(string type) => root["resources"]![type] is JsonObject resource && resource["error"] is null ? resource : null;

    /// <summary>An invoke's schema, or null when the function does not exist.</summary>
    public JsonObject? Function(string token) => root["functions"]![token] is JsonObject function && function["error"] is null ? function : null;

    /// <summary>A nested input type (<c>inputs:ns.Name</c>), or null.</summary>
    public JsonObject? InputType(string name) => root["types"]![$"inputs:{name}"] as JsonObject;
}
