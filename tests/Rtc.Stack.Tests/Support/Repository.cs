namespace Rtc.Stack.Tests.Support;

/// <summary>Paths in the repository under test, found from the test assembly's location.</summary>
internal static class Repository
{
    /// <summary>The directory holding <c>RtcPulumi.sln</c> and <c>Pulumi.yaml</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the root.</summary>
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

        throw new InvalidOperationException("RtcPulumi.sln not found above the test assembly.");
    }
}
