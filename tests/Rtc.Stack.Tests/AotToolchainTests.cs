using System.Runtime.InteropServices;

namespace Rtc.Stack.Tests;

/// <summary>
/// Where Native AOT cannot be built, the compile fails naming what is missing and the managed alternative; it never
/// switches packaging by itself, so what is deployed does not depend on whose machine deploys.
/// </summary>
public sealed class AotToolchainTests
{
    private const string Alternative = "pulumi config set rtc-pulumi:functionPackaging managed";

    [Theory]
    [InlineData("macOS")]
    [InlineData("Windows")]
    public void AnotherOperatingSystemCannotBuildTheLinuxBootstrap(string operatingSystem)
    {
        var toolchain = new AotToolchain(operatingSystem, Architecture.X64, _ => true, _ => true);

        var error = Assert.Throws<InvalidOperationException>(() => toolchain.EnsureCanBuild(LambdaArchitecture.X86_64));

        Assert.Contains($"cannot be built on {operatingSystem}", error.Message);
        Assert.Contains("does not cross-compile between operating systems", error.Message);
        Assert.EndsWith(Alternative, error.Message);
    }

    [Fact]
    public void Arm64FromX86_64NamesEachMissingCrossToolAndThePackagesThatBringThem()
    {
        var toolchain = new AotToolchain("Linux", Architecture.X64, command => command is "clang" or "gcc", _ => false);

        var error = Assert.Throws<InvalidOperationException>(() => toolchain.EnsureCanBuild(LambdaArchitecture.Arm64));

        Assert.Contains("missing ld.lld, aarch64-linux-gnu-objcopy, the aarch64-linux-gnu C library", error.Message);
        Assert.Contains("the aarch64-linux-gnu GCC runtime", error.Message);
        Assert.DoesNotContain("missing clang", error.Message);
        Assert.Contains("apt-get install clang lld gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross", error.Message);
        Assert.EndsWith(Alternative, error.Message);
    }

    [Fact]
    public void ANativeBuildNeedsACompilerAndObjcopyOnly()
    {
        var bare = new AotToolchain("Linux", Architecture.X64, _ => false, _ => false);
        var equipped = new AotToolchain("Linux", Architecture.X64, command => command is "gcc" or "objcopy", _ => false);

        var error = Assert.Throws<InvalidOperationException>(() => bare.EnsureCanBuild(LambdaArchitecture.X86_64));
        equipped.EnsureCanBuild(LambdaArchitecture.X86_64);

        Assert.Contains("missing a C compiler and linker (clang or gcc), objcopy", error.Message);
        Assert.Empty(equipped.PublishProperties(LambdaArchitecture.X86_64));
    }

    [Fact]
    public void ACrossBuildLinksWithLldAndTheTargetsObjcopy()
    {
        var toolchain = new AotToolchain("Linux", Architecture.X64, _ => true, _ => true);

        toolchain.EnsureCanBuild(LambdaArchitecture.Arm64);

        Assert.Equal(["-p:LinkerFlavor=lld", "-p:ObjCopyName=aarch64-linux-gnu-objcopy"], toolchain.PublishProperties(LambdaArchitecture.Arm64));
    }

    [Fact]
    public async Task PackagingFailsBeforePublishingAndWritesNoPackageOfEitherKind()
    {
        using var checkout = Checkout.Create("no-toolchain");
        var log = new StringWriter();
        var packager = new FunctionPackager(checkout.Root, log, new AotToolchain("Linux", Architecture.X64, _ => false, _ => false));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => packager.PackageAsync(FunctionPackaging.Aot, "arm64"));

        Assert.EndsWith(Alternative, error.Message);
        Assert.DoesNotContain("publishing", log.ToString());
        Assert.False(Directory.Exists(checkout.PathOf("artifacts")));
    }
}
