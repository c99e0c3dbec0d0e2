namespace Rtc.Stack.Tests.Support;

/// <summary>
/// The functions packaged once per test run, as a deploy packages them: AOT for x86_64 and arm64 and managed for
/// x86_64 in one checkout; AOT and managed for x86_64 again in a second checkout at another path, to compare
/// byte for byte; and, in that second checkout, the managed package made again after a source change, for the
/// publish cache's test. Every publish takes half a minute to a few minutes on two cores, so every test that needs
/// one shares these, and the two checkouts publish side by side (two publishes in one checkout would share the
/// project's obj/, where NuGet's restore files go, so within a checkout they take turns).
/// </summary>
public sealed class PackagedFunctions : IAsyncLifetime
{
    private readonly Checkout second = Checkout.Create("second/checkout");

    /// <summary>The checkout the packages were made in (besides the second checkout's).</summary>
    internal Checkout First { get; } = Checkout.Create("first");

    /// <summary>What the packagers logged (both checkouts' publishes write to it at once).</summary>
    public TextWriter Log { get; } = TextWriter.Synchronized(new StringWriter());

    /// <summary>AOT, x86_64.</summary>
    internal FunctionPackage AotX86_64 { get; private set; } = null!;

    /// <summary>AOT, arm64, cross-compiled when this machine is x86_64.</summary>
    internal FunctionPackage AotArm64 { get; private set; } = null!;

    /// <summary>Managed (ReadyToRun), x86_64.</summary>
    internal FunctionPackage ManagedX86_64 { get; private set; } = null!;

    /// <summary>AOT, x86_64, from the second checkout.</summary>
    internal FunctionPackage AotX86_64FromSecondCheckout { get; private set; } = null!;

    /// <summary>What the second checkout's packager did for managed x86_64, first with its sources as copied, then after a change.</summary>
    internal SourceChange ManagedX86_64InSecondCheckout { get; private set; } = null!;

    /// <summary>A packager for the first checkout on this machine, logging to <see cref="Log"/>.</summary>
    internal FunctionPackager Packager() => new(First.Root, Log, AotToolchain.Host);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        try
        {
            await Task.WhenAll(PackageFirstAsync(), PackageSecondAsync());
        }
        catch (InvalidOperationException exception)
        {
            // A failed publish says its output is in the log; nothing else would show it.
            throw new InvalidOperationException($"{exception.Message}\n{Log}", exception);
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        First.Dispose();
        second.Dispose();
        return Task.CompletedTask;
    }

    private async Task PackageFirstAsync()
    {
        AotX86_64 = await Packager().PackageAsync(FunctionPackaging.Aot, "x86_64");
        AotArm64 = await Packager().PackageAsync(FunctionPackaging.Aot, "arm64");
        ManagedX86_64 = await Packager().PackageAsync(FunctionPackaging.Managed, "x86_64");
    }

    private async Task PackageSecondAsync()
    {
        var packager = new FunctionPackager(second.Root, Log, AotToolchain.Host);
        AotX86_64FromSecondCheckout = await packager.PackageAsync(FunctionPackaging.Aot, "x86_64");

        var first = await packager.PackageAsync(FunctionPackaging.Managed, "x86_64");
        // Read now: the publish after the change writes its zip at the same path.
        var firstZip = await File.ReadAllBytesAsync(first.ZipPath);
        var unchanged = await packager.PackageAsync(FunctionPackaging.Managed, "x86_64");
        await File.AppendAllTextAsync(second.PathOf("functions/Rtc.Functions/Program.cs"), "// a change\n");
        var changed = await packager.PackageAsync(FunctionPackaging.Managed, "x86_64");
        ManagedX86_64InSecondCheckout = new SourceChange(first, firstZip, unchanged, changed);
    }

    /// <summary>Packaging three times in one checkout: from its copied sources, again unchanged, and after a source change.</summary>
    /// <param name="First">The first packaging, in a checkout nothing was published in before.</param>
    /// <param name="FirstZip">The first packaging's zip, as it was before the change.</param>
    /// <param name="Unchanged">Packaging again with nothing changed.</param>
    /// <param name="Changed">Packaging after a comment was appended to <c>Program.cs</c>.</param>
    internal sealed record SourceChange(FunctionPackage First, byte[] FirstZip, FunctionPackage Unchanged, FunctionPackage Changed);
}
