using System.Security.Cryptography;
using System.Text;

namespace Rtc.Stack.Packaging;

/// <summary>
/// The cache key of a publish: SHA-256 over everything that decides its output. That is every file under
/// <c>functions/</c> (<c>bin/</c> and <c>obj/</c> aside), the build files at the project root that MSBuild and NuGet
/// read (<c>global.json</c>, <c>Directory.Build.props</c>/<c>.targets</c>, <c>Directory.Packages.props</c>,
/// <c>NuGet.config</c>), the SDK version, and the publish arguments (packaging, architecture, cross-link properties).
/// Files enter by path relative to the project directory, so the same sources give the same key in any checkout.
/// </summary>
internal static class PublishCacheKey
{
    /// <summary>The folder holding the functions' sources and project files.</summary>
    public const string SourceFolder = "functions";

    private static readonly HashSet<string> RootBuildFiles = new(
        ["global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "NuGet.config"],
        StringComparer.OrdinalIgnoreCase);

    // Build output, not input: a build or publish rewrites these folders.
    private static readonly HashSet<string> OutputFolders = ["bin", "obj"];

    /// <summary>The key for publishing the sources under <paramref name="projectDirectory"/> with these arguments.</summary>
    public static string Compute(string projectDirectory, string sdkVersion, IReadOnlyList<string> publishArguments)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, $"sdk {sdkVersion}\narguments {string.Join(' ', publishArguments)}\n");
        foreach (var (relative, path) in Inputs(projectDirectory))
        {
            Append(hash, $"file {relative} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))}\n");
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Every file the key covers, by <c>/</c>-separated path relative to <paramref name="projectDirectory"/>, in key order.</summary>
    public static IEnumerable<(string Relative, string Path)> Inputs(string projectDirectory)
    {
        var rootFiles = Directory.EnumerateFiles(projectDirectory).Where(path => RootBuildFiles.Contains(Path.GetFileName(path)));
        var sourceFiles = Directory.EnumerateFiles(Path.Combine(projectDirectory, SourceFolder), "*", SearchOption.AllDirectories);
        return rootFiles.Concat(sourceFiles)
            .Select(path => (Relative: Path.GetRelativePath(projectDirectory, path).Replace('\\', '/'), Path: path))
            .Where(file => !file.Relative.Split('/').SkipLast(1).Any(OutputFolders.Contains))
            .OrderBy(file => file.Relative, StringComparer.Ordinal);
    }

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));
}
