namespace Rtc.Stack.Tests.Support;

/// <summary>
/// The functions packaged once per test run, as a deploy packages them: AOT for x86_64 and arm64 and managed for
/// x86_64 in one checkout, and AOT for x86_64 again in a second checkout at another path. Native AOT publishes take a
/// minute or two each, so every test that needs a package shares these.
/// </summary>
public sealed class PackagedFunctions : IAsyncLifetime
{
    private readonly Checkout second = Checkout.Create("second/checkout");

    /// <summary>The checkout the packages were made in (besides <see cref="AotX86_64FromSecondCheckout"/>).</summary>
    internal Checkout First { get; } = Checkout.Create("first");

    /// <summary>What the packager logged.</summary>
    public StringWriter Log { get; } = new();

    /// <summary>AOT, x86_64.</summary>
    internal FunctionPackage AotX86_64 { get; private set; } = null!;

    /// <summary>AOT, arm64, cross-compiled when this machine is x86_64.</summary>
    internal FunctionPackage AotArm64 { get; private set; } = null!;

    /// <summary>Managed (ReadyToRun), x86_64.</summary>
    internal FunctionPackage ManagedX86_64 { get; private set; } = null!;

    /// <summary>AOT, x86_64, from the second checkout.</summary>
    internal FunctionPackage AotX86_64FromSecondCheckout { get; private set; } = null!;

    /// <summary>A packager for the first checkout on this machine, logging to <see cref="Log"/>.</summary>
    internal FunctionPackager Packager() => new(First.Root, Log, AotToolchain.Host);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        AotX86_64 = await Packager().PackageAsync(FunctionPackaging.Aot, "x86_64");
        AotArm64 = await Packager().PackageAsync(FunctionPackaging.Aot, "arm64");
        ManagedX86_64 = await Packager().PackageAsync(FunctionPackaging.Managed, "x86_64");
        AotX86_64FromSecondCheckout = await new FunctionPackager(second.Root, Log, AotToolchain.Host)
            .PackageAsync(FunctionPackaging.Aot, "x86_64");
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        First.Dispose();
        second.Dispose();
        return Task.CompletedTask;
    }
}
