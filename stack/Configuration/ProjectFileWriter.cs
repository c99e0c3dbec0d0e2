using YamlDotNet.Serialization;

namespace Rtc.Stack.Configuration;

/// <summary>
/// Writes the <c>config:</c> block of <c>Pulumi.yaml</c> from <see cref="ProjectConfig"/>, so Pulumi declares
/// exactly the keys, types, defaults and descriptions the program reads. The rest of the file is kept as it is.
/// </summary>
internal static class ProjectFileWriter
{
    /// <summary>The program option that rewrites the block.</summary>
    public const string Option = "--write-project-config";

    /// <summary>The command people run from the project directory after changing a key.</summary>
    public const string Command = "dotnet run --project stack -- " + Option;

    public const string FileName = "Pulumi.yaml";

    private const string BlockStart = "config:";

    /// <summary>Rewrites the config block of the project directory's <c>Pulumi.yaml</c>.</summary>
    public static async Task WriteAsync(string projectDirectory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(projectDirectory, FileName);
        var current = await File.ReadAllTextAsync(path, cancellationToken);
        await File.WriteAllTextAsync(path, Render(current), cancellationToken);
    }

    /// <summary>
    /// <paramref name="projectFile"/> with its top-level <c>config:</c> block (up to the next top-level key)
    /// replaced by the one <see cref="ProjectConfig"/> declares, or with that block appended when it has none.
    /// </summary>
    public static string Render(string projectFile)
    {
        var lines = projectFile.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var start = Array.IndexOf(lines, BlockStart);
        var end = lines.Length;
        if (start < 0)
        {
            start = lines.Length;
        }
        else if (Array.FindIndex(lines, start + 1, line => line.Length > 0 && !char.IsWhiteSpace(line[0])) is var nextKey and >= 0)
        {
            end = nextKey;
        }

        return string.Join("\n", [.. lines[..start], ConfigBlock().TrimEnd('\n'), .. lines[end..]]) + "\n";
    }

    private static string ConfigBlock()
    {
        var keys = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var key in ProjectConfig.All)
        {
            keys[key.Name] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["type"] = key.PulumiType,
                ["default"] = key.DefaultValue,
                ["description"] = key.Description,
            };
        }

        var yaml = new SerializerBuilder().Build().Serialize(new Dictionary<string, object> { [BlockStart.TrimEnd(':')] = keys });
        // A comment inside the block, so it is rewritten with it, tells people where the declarations live.
        return yaml.Replace(BlockStart + "\n",
            $"{BlockStart}\n  # Written by `{Command}` from stack/Configuration/ProjectConfig.cs: change a key there, not here.\n",
            StringComparison.Ordinal);
    }
}
