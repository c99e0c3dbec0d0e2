namespace Rtc.Testing;

/// <summary>Finds files of this repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding <c>RtcPulumi.sln</c> and <c>Pulumi.yaml</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the root, e.g. <c>stack/schema</c>.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RtcPulumi.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RtcPulumi.sln above {AppContext.BaseDirectory}.");
    }
}
