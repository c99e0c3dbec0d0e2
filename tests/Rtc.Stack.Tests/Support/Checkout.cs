namespace Rtc.Stack.Tests.Support;

/// <summary>
/// A copy of every file a publish reads (the inputs of <see cref="PublishCacheKey"/>) in a temporary folder of its
/// own, so packaging tests publish there and never in the repository under test; two copies at different paths
/// show whether anything depends on the checkout folder. Deleted on dispose.
/// </summary>
internal sealed class Checkout : IDisposable
{
    private readonly string temporary = Path.Combine(Path.GetTempPath(), "rtc-checkout-" + Guid.NewGuid().ToString("N"));

    private Checkout(string relativeRoot)
    {
        Root = Path.Combine(temporary, relativeRoot);
        foreach (var (relative, path) in PublishCacheKey.Inputs(RepositoryPaths.Root))
        {
            var copy = Path.Combine(Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(path, copy);
        }
    }

    /// <summary>The copy's root (the packager's project directory).</summary>
    public string Root { get; }

    /// <summary>A copy of the repository's publish inputs at <c>{temporary folder}/{relativeRoot}</c>.</summary>
    public static Checkout Create(string relativeRoot) => new(relativeRoot);

    /// <summary>A full path under the copy's root.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(temporary, recursive: true);
}
