using YamlDotNet.RepresentationModel;

namespace Rtc.Stack.Tests.Support;

/// <summary>YAML files of the repository, loaded with YamlDotNet.</summary>
internal static class ProjectFile
{
    /// <summary>The root mapping of a YAML file under the repository root.</summary>
    public static YamlMappingNode Load(string relativePath)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(RepositoryPaths.PathOf(relativePath));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>A child of a mapping.</summary>
    public static YamlNode Child(this YamlNode node, string key) => ((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    /// <summary>A child of a mapping, or null.</summary>
    public static YamlNode? ChildOrNull(this YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    /// <summary>A scalar's text.</summary>
    public static string Text(this YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    /// <summary>The config keys Pulumi.yaml declares.</summary>
    public static IReadOnlySet<string> DeclaredConfigKeys() =>
        ((YamlMappingNode)Load("Pulumi.yaml").Child("config")).Children.Keys.Select(key => key.Text()).ToHashSet();
}
