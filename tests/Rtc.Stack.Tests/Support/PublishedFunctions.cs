using Rtc.Stack.Packaging;
using Rtc.Testing;

namespace Rtc.Stack.Tests.Support;

/// <summary>
/// The functions published twice from unchanged sources into two temporary directories: publishing is slow,
/// so every packaging test shares these two.
/// </summary>
public sealed class PublishedFunctions : IAsyncLifetime
{
    /// <summary>The architecture published.</summary>
    public const string Architecture = "x86_64";

    private readonly string root = Path.Combine(Path.GetTempPath(), "rtc-stack-publish-" + Guid.NewGuid().ToString("N"));

    /// <summary>The first publish.</summary>
    public string First => Path.Combine(root, "first");

    /// <summary>The second publish.</summary>
    public string Second => Path.Combine(root, "second");

    /// <summary>What the publishes logged.</summary>
    public StringWriter Log { get; } = new();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var packager = new FunctionPackager(RepositoryPaths.Root, Log);
        await packager.PublishAsync(Architecture, First);
        await packager.PublishAsync(Architecture, Second);
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }
}
