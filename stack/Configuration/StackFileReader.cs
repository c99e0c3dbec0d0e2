using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rtc.Stack.Configuration;

/// <summary>
/// Reads the <c>config:</c> block of <c>Pulumi.&lt;stack&gt;.yaml</c> into the same shape as <c>PULUMI_CONFIG</c>,
/// so <c>--stack</c> prints what Pulumi would compile. Encrypted values (<c>secure:</c>) are not decrypted: they
/// stand in as a placeholder that satisfies validation and never reaches the template.
/// </summary>
internal static class StackFileReader
{
    /// <summary>What an encrypted value reads as: long enough to pass the secret's length check.</summary>
    public const string EncryptedPlaceholder = "<encrypted value: decrypted only by pulumi>";

    /// <summary>Reads <c>Pulumi.{stack}.yaml</c> from the project directory.</summary>
    /// <exception cref="StackConfigException">The file is missing or its config block is malformed.</exception>
    public static IReadOnlyDictionary<string, string> Read(string projectDirectory, string stackName)
    {
        var path = Path.Combine(projectDirectory, $"Pulumi.{stackName}.yaml");
        if (!File.Exists(path))
        {
            throw new StackConfigException($"Stack file 'Pulumi.{stackName}.yaml' does not exist; allowed: a stack with a Pulumi.<stack>.yaml file.");
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException exception)
        {
            throw new StackConfigException($"Pulumi.{stackName}.yaml is not valid YAML ({exception.Start}): {exception.Message}");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("config"), out var configNode))
        {
            return result;
        }

        if (configNode is not YamlMappingNode config)
        {
            throw new StackConfigException($"'config' in Pulumi.{stackName}.yaml is not a mapping.");
        }

        foreach (var (key, value) in config.Children)
        {
            result[((YamlScalarNode)key).Value!] = ValueText(value);
        }

        return result;
    }

    private static string ValueText(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? "",
        YamlMappingNode mapping when mapping.Children.ContainsKey(new YamlScalarNode("secure")) => EncryptedPlaceholder,
        _ => ToJson(node),
    };

    private static string ToJson(YamlNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)key).Value!);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(((YamlScalarNode)node).Value);
                break;
        }
    }
}
