using System.Text.Json.Nodes;

namespace Rtc.Stack.Template;

/// <summary>Pulumi YAML builtins, each an object whose only key is the builtin's name.</summary>
internal static class Fn
{
    /// <summary><c>fn::toJSON</c>: serialises a value (e.g. a policy document) to a JSON string at deploy time.</summary>
    public static JsonObject ToJson(JsonNode value) => new() { ["fn::toJSON"] = value };

    /// <summary><c>fn::fileArchive</c>: a directory or an archive file (e.g. a .zip), relative to the program directory.</summary>
    public static JsonObject FileArchive(string path) => new() { ["fn::fileArchive"] = path };

    /// <summary><c>fn::secret</c>: marks a value secret so Pulumi encrypts it in state and masks it in output.</summary>
    public static JsonObject Secret(JsonNode value) => new() { ["fn::secret"] = value };

    /// <summary><c>fn::invoke</c> of a provider function, pinned to the provider version, returning one result field.</summary>
    public static JsonObject Invoke(string function, string returnField) => new()
    {
        ["fn::invoke"] = new JsonObject
        {
            ["function"] = function,
            ["arguments"] = new JsonObject(),
            ["options"] = new JsonObject { ["version"] = StackTemplate.AwsProviderVersion },
            ["return"] = returnField,
        },
    };

    /// <summary>An interpolation of a declared name: <c>${name}</c> or <c>${name.path}</c>.</summary>
    public static string Ref(string name, string? path = null) => path is null ? $"${{{name}}}" : $"${{{name}.{path}}}";
}
