using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rtc.Contracts;

namespace Rtc.Stack.Template;

/// <summary>
/// A Pulumi YAML template being built: variables, resources and outputs, kept in declaration order so the same
/// settings always print the same text. Every <c>aws</c> resource is pinned to <see cref="AwsProviderVersion"/>.
/// </summary>
internal sealed class StackTemplate(string name, string description)
{
    /// <summary>The AWS provider version every resource and invoke pins; the schema data is of this version.</summary>
    public const string AwsProviderVersion = "7.48.0";

    private readonly JsonObject variables = [];
    private readonly JsonObject resources = [];
    private readonly JsonObject outputs = [];

    /// <summary>Declares a variable and returns its interpolation.</summary>
    public string Variable(string variableName, JsonNode value)
    {
        variables.Add(variableName, value);
        return Fn.Ref(variableName);
    }

    public ResourceRef Resource(string logicalName, string type, JsonObject properties, ResourceOptions? options = null)
    {
        var optionsNode = new JsonObject();
        if (type.StartsWith("aws:", StringComparison.Ordinal))
        {
            optionsNode["version"] = AwsProviderVersion;
        }

        if (options?.Protect == true)
        {
            optionsNode["protect"] = true;
        }

        if (options?.DependsOn is { Count: > 0 } dependsOn)
        {
            optionsNode["dependsOn"] = new JsonArray([.. dependsOn.Select(dependency => (JsonNode)Fn.Ref(dependency.LogicalName))]);
        }

        var resource = new JsonObject { ["type"] = type, ["properties"] = properties };
        if (optionsNode.Count > 0)
        {
            resource["options"] = optionsNode;
        }

        resources.Add(logicalName, resource);
        return new ResourceRef(logicalName);
    }

    public void Output(string outputName, JsonNode value) => outputs.Add(outputName, value);

    /// <summary>The template as indented JSON (a subset of YAML, free of YAML's quoting traps).</summary>
    public string ToJson()
    {
        var document = new JsonObject { ["name"] = name, ["description"] = description };
        if (variables.Count > 0)
        {
            document["variables"] = variables.DeepClone();
        }

        document["resources"] = resources.DeepClone();
        document["outputs"] = outputs.DeepClone();

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JsonOutput.Encoder }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
