using System.Text.RegularExpressions;
using Rtc.Stack.Template;

namespace Rtc.Stack.Tests.Support;

/// <summary>
/// Checks a template against the provider schema: types and invokes exist; every property exists with the
/// right shape (recursively); required inputs are present; nothing deprecated; no unknown key anywhere;
/// every interpolation names a declared resource (and an output it has), variable or config key; every aws
/// resource and invoke pins the provider version. Returns one line per problem, naming where it is.
/// </summary>
internal sealed partial class TemplateValidator(ProviderSchema schema, IReadOnlySet<string> configKeys)
{
    private static readonly HashSet<string> TopLevelKeys = ["name", "description", "config", "variables", "resources", "outputs"];
    private static readonly HashSet<string> ResourceKeys = ["type", "properties", "options"];
    private static readonly HashSet<string> OptionKeys =
    [
        "dependsOn", "protect", "retainOnDelete", "deleteBeforeReplace", "ignoreChanges", "provider", "parent", "aliases",
        "customTimeouts", "replaceOnChanges", "additionalSecretOutputs", "version",
    ];

    private static readonly HashSet<string> InvokeKeys = ["function", "arguments", "options", "return"];
    private static readonly HashSet<string> PulumiVariables = ["stack", "project", "cwd", "organization"];

    private readonly List<string> problems = [];
    private JsonObject resources = [];
    private JsonObject variables = [];

    /// <summary>Validates the template; an empty list means valid.</summary>
    public IReadOnlyList<string> Validate(JsonObject template)
    {
        problems.Clear();
        resources = template["resources"] as JsonObject ?? [];
        variables = template["variables"] as JsonObject ?? [];
        foreach (var (key, _) in template)
        {
            Expect(TopLevelKeys.Contains(key), $"top level: unknown key '{key}'");
        }

        foreach (var (name, value) in variables)
        {
            CheckValue(value, "any", $"variables.{name}");
        }

        foreach (var (name, resource) in resources)
        {
            CheckResource(name, resource!.AsObject());
        }

        foreach (var (name, value) in template["outputs"] as JsonObject ?? [])
        {
            CheckValue(value, "any", $"outputs.{name}");
        }

        return [.. problems];
    }

    private void CheckResource(string name, JsonObject resource)
    {
        foreach (var (key, _) in resource)
        {
            Expect(ResourceKeys.Contains(key), $"{name}: unknown resource key '{key}'");
        }

        var type = (string?)resource["type"] ?? "";
        var options = resource["options"] as JsonObject ?? [];
        foreach (var (key, value) in options)
        {
            Expect(OptionKeys.Contains(key), $"{name}.options: unknown option '{key}'");
            if (key == "dependsOn")
            {
                foreach (var dependency in value!.AsArray())
                {
                    Expect(Interpolations((string)dependency!).All(reference => resources.ContainsKey(reference)),
                        $"{name}.options.dependsOn: '{dependency}' is not a declared resource");
                }
            }
        }

        if (type.StartsWith("aws:", StringComparison.Ordinal))
        {
            Expect((string?)options["version"] == StackTemplate.AwsProviderVersion,
                $"{name}: provider version not pinned to {StackTemplate.AwsProviderVersion}");
        }

        var definition = schema.Resource(type);
        if (definition is null)
        {
            problems.Add($"{name}: resource type '{type}' does not exist in the provider schema");
            return;
        }

        CheckObject(resource["properties"] as JsonObject ?? [], definition["inputs"]!.AsObject(), name);
    }

    private void CheckObject(JsonObject value, JsonObject properties, string path)
    {
        foreach (var (key, member) in value)
        {
            if (properties[key] is not JsonObject property)
            {
                problems.Add($"{path}: unknown property '{key}'");
                continue;
            }

            Expect(property["deprecated"] is null, $"{path}.{key}: deprecated property");
            CheckValue(member, property["type"]!, $"{path}.{key}");
        }

        foreach (var (key, property) in properties)
        {
            Expect(!(bool)property!["required"]! || value.ContainsKey(key), $"{path}: required property '{key}' missing");
        }
    }

    private void CheckValue(JsonNode? value, JsonNode type, string path)
    {
        var found = ShapeProblems(value, type, path);
        problems.AddRange(found);
    }

    // Returns problems rather than adding them, so oneOf can try each branch.
    private List<string> ShapeProblems(JsonNode? value, JsonNode type, string path)
    {
        var found = new List<string>();
        if (value is JsonObject builtin && builtin.Count == 1 && builtin.First().Key.StartsWith("fn::", StringComparison.Ordinal))
        {
            return BuiltinProblems(builtin.First().Key, builtin.First().Value, type, path);
        }

        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            var references = Interpolations((string)text!);
            found.AddRange(references.Select(reference => ReferenceProblem(reference, path)).OfType<string>());
            // A string that is exactly one interpolation keeps the referenced value's type.
            if (ExactInterpolation().IsMatch((string)text!))
            {
                return found;
            }
        }

        switch (type)
        {
            case JsonValue simple:
                var kind = (string)simple!;
                var ok = kind switch
                {
                    "any" => true,
                    "string" => value?.GetValueKind() == JsonValueKind.String,
                    "number" => value?.GetValueKind() == JsonValueKind.Number,
                    "boolean" => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
                    _ => false,
                };
                if (!ok)
                {
                    found.Add($"{path}: expected {kind}, got {value?.ToJsonString() ?? "null"}");
                }
                else if (kind == "any" && value is JsonObject or JsonArray)
                {
                    found.AddRange(NestedProblems(value, path));
                }

                break;
            case JsonObject shape when shape["array"] is { } element:
                if (value is JsonArray array)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        found.AddRange(ShapeProblems(array[i], element, $"{path}[{i}]"));
                    }
                }
                else
                {
                    found.Add($"{path}: expected an array");
                }

                break;
            case JsonObject shape when shape["map"] is { } element:
                if (value is JsonObject map)
                {
                    foreach (var (key, member) in map)
                    {
                        found.AddRange(ShapeProblems(member, element, $"{path}.{key}"));
                    }
                }
                else
                {
                    found.Add($"{path}: expected a map");
                }

                break;
            case JsonObject shape when shape["ref"] is { } reference:
                var nested = schema.InputType((string)reference!);
                if (nested is null || value is not JsonObject objectValue)
                {
                    found.Add($"{path}: expected an object of type {reference}");
                    break;
                }

                var saved = problems.Count;
                CheckObject(objectValue, nested["properties"]!.AsObject(), path);
                found.AddRange(problems.Skip(saved));
                problems.RemoveRange(saved, problems.Count - saved);
                break;
            case JsonObject shape when shape["enum"] is not null:
                var allowed = shape["values"]!.AsArray()
                    .Where(entry => entry is not JsonObject { } flagged || flagged["deprecated"] is null)
                    .Select(entry => entry is JsonObject flagged ? flagged["value"]!.ToJsonString() : entry!.ToJsonString());
                if (!allowed.Contains(value?.ToJsonString()))
                {
                    found.Add($"{path}: {value?.ToJsonString()} is not an allowed (non-deprecated) value of {shape["enum"]}");
                }

                break;
            case JsonObject shape when shape["oneOf"] is JsonArray branches:
                var attempts = branches.Select(branch => ShapeProblems(value, branch!, path)).ToList();
                if (attempts.All(attempt => attempt.Count > 0))
                {
                    found.AddRange(attempts.OrderBy(attempt => attempt.Count).First());
                }

                break;
            default:
                found.Add($"{path}: cannot be written in YAML as {type.ToJsonString()}");
                break;
        }

        return found;
    }

    private List<string> BuiltinProblems(string builtin, JsonNode? argument, JsonNode type, string path)
    {
        var produces = builtin switch
        {
            "fn::toJSON" or "fn::join" or "fn::readFile" or "fn::toBase64" => "string",
            "fn::fileArchive" or "fn::assetArchive" => "Archive",
            "fn::fileAsset" => "Asset",
            "fn::secret" or "fn::invoke" or "fn::select" or "fn::split" => null,
            _ => "unknown",
        };
        var found = new List<string>();
        if (produces == "unknown")
        {
            found.Add($"{path}: unknown builtin '{builtin}'");
            return found;
        }

        if (builtin == "fn::invoke")
        {
            found.AddRange(InvokeProblems(argument!.AsObject(), path));
            return found;
        }

        if (builtin == "fn::secret")
        {
            return ShapeProblems(argument, type, path);
        }

        found.AddRange(NestedProblems(argument, path));
        if (!Accepts(type, produces!))
        {
            found.Add($"{path}: {builtin} produces {produces}, expected {type.ToJsonString()}");
        }

        return found;
    }

    private List<string> InvokeProblems(JsonObject invoke, string path)
    {
        var found = new List<string>();
        foreach (var (key, _) in invoke)
        {
            if (!InvokeKeys.Contains(key))
            {
                found.Add($"{path}: unknown fn::invoke key '{key}'");
            }
        }

        var token = (string?)invoke["function"] ?? "";
        var function = schema.Function(token);
        if (function is null)
        {
            found.Add($"{path}: invoke '{token}' does not exist in the provider schema");
            return found;
        }

        if ((string?)invoke["options"]?["version"] != StackTemplate.AwsProviderVersion)
        {
            found.Add($"{path}: invoke '{token}' does not pin the provider version");
        }

        var saved = problems.Count;
        CheckObject(invoke["arguments"] as JsonObject ?? [], function["args"]!.AsObject(), path + ".arguments");
        found.AddRange(problems.Skip(saved));
        problems.RemoveRange(saved, problems.Count - saved);
        var returned = (string?)invoke["return"];
        if (returned is not null && function["result"]![returned] is not JsonObject)
        {
            found.Add($"{path}: invoke '{token}' has no result field '{returned}'");
        }
        else if (returned is not null && function["result"]![returned]!["deprecated"] is not null)
        {
            found.Add($"{path}: invoke '{token}' result field '{returned}' is deprecated");
        }

        return found;
    }

    private List<string> NestedProblems(JsonNode? value, string path) => value switch
    {
        JsonObject map => [.. map.SelectMany(member => ShapeProblems(member.Value, "any", $"{path}.{member.Key}"))],
        JsonArray array => [.. array.SelectMany((item, i) => ShapeProblems(item, "any", $"{path}[{i}]"))],
        JsonValue text when text.GetValueKind() == JsonValueKind.String =>
            [.. Interpolations((string)text!).Select(reference => ReferenceProblem(reference, path)).OfType<string>()],
        _ => [],
    };

    private static bool Accepts(JsonNode type, string produced) => type switch
    {
        JsonValue simple => (string)simple! == produced || (string)simple! == "any",
        JsonObject shape when shape["oneOf"] is JsonArray branches => branches.Any(branch => Accepts(branch!, produced)),
        JsonObject shape when shape["enum"] is not null => produced == "string",
        _ => false,
    };

    private string? ReferenceProblem(string reference, string path)
    {
        var match = ReferenceParts().Match(reference);
        var root = match.Groups["root"].Value;
        var property = match.Groups["property"].Success ? match.Groups["property"].Value : null;
        if (root == "pulumi")
        {
            return property is not null && PulumiVariables.Contains(property) ? null : $"{path}: '${{{reference}}}' is not a pulumi variable";
        }

        if (resources[root] is JsonObject resource)
        {
            if (property is null)
            {
                return null;
            }

            var outputs = schema.Resource((string)resource["type"]!)?["outputs"] as JsonObject;
            return outputs?.ContainsKey(property) == true
                ? null
                : $"{path}: '${{{reference}}}': {resource["type"]} has no output '{property}'";
        }

        return variables.ContainsKey(root) || configKeys.Contains(root)
            ? null
            : $"{path}: '${{{reference}}}' names no declared resource, variable or config key";
    }

    private static IEnumerable<string> Interpolations(string text) =>
        Interpolation().Matches(text).Select(match => match.Groups[1].Value);

    private void Expect(bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }

    // "$$" escapes a literal "$", so "$${x}" is not an interpolation.
    [GeneratedRegex(@"(?<!\$)\$\{([^}]*)\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"^(?<!\$)\$\{[^}]*\}$")]
    private static partial Regex ExactInterpolation();

    [GeneratedRegex(@"^(?<root>[A-Za-z_][A-Za-z0-9_-]*)(?:\.(?<property>[A-Za-z0-9_]+))?")]
    private static partial Regex ReferenceParts();
}
