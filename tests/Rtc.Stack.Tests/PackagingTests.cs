using System.IO.Compression;

namespace Rtc.Stack.Tests;

/// <summary>The deployment zips hold exactly what Lambda runs, fit Amazon Linux 2023, and are the same from any checkout.</summary>
[Collection(PackagingCollection.Name)]
public sealed class PackagingTests(PackagedFunctions packaged)
{
    // Amazon Linux 2023, which provided.al2023 runs on, has glibc 2.34.
    private static readonly Version NewestGlibc = new(2, 34);

    // glibc's own libraries, which every Linux image has, provided.al2023's minimal one included.
    private static readonly HashSet<string> GlibcLibraries =
        ["libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"];

    [Fact]
    public void AotZipHoldsOnlyAnExecutableBootstrap()
    {
        foreach (var package in (FunctionPackage[])[packaged.AotX86_64, packaged.AotArm64])
        {
            using var zip = ZipFile.OpenRead(package.ZipPath);

            var entry = Assert.Single(zip.Entries);
            Assert.Equal("bootstrap", entry.FullName);
            // Lambda reads the Unix mode from the high 16 bits: a regular file (0100000) with rwxr-xr-x (0755).
            Assert.Equal(Convert.ToInt32("100755", 8), entry.ExternalAttributes >>> 16);
        }
    }

    [Theory]
    [InlineData("x86_64", ElfFile.MachineX86_64)]
    [InlineData("arm64", ElfFile.MachineAArch64)]
    public void BootstrapIsAnExecutableForTheStacksArchitecture(string architecture, ushort machine)
    {
        Assert.Equal(machine, Bootstrap(architecture).Machine);
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    public void BootstrapNeedsNoGlibcNewerThanAmazonLinux2023s(string architecture)
    {
        var versions = Bootstrap(architecture).NeededVersions.Values.SelectMany(names => names)
            .Where(name => name.StartsWith("GLIBC_", StringComparison.Ordinal))
            .Select(name => Version.Parse(name["GLIBC_".Length..]))
            .ToList();

        Assert.NotEmpty(versions);
        Assert.All(versions, version => Assert.True(version <= NewestGlibc, $"needs GLIBC_{version}, Amazon Linux 2023 has {NewestGlibc}"));
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    public void BootstrapNeedsNoLibraryBeyondGlibcSoNeitherIcuNorOpenSslAtLoadTime(string architecture)
    {
        var needed = Bootstrap(architecture).NeededLibraries;

        Assert.Contains("libc.so.6", needed);
        Assert.All(needed, library => Assert.Contains(library, GlibcLibraries));
    }

    [Fact]
    public void AotZipIsByteIdenticalFromTwoCheckoutFolders()
    {
        Assert.NotEqual(packaged.AotX86_64.ZipPath, packaged.AotX86_64FromSecondCheckout.ZipPath);
        Assert.Equal(File.ReadAllBytes(packaged.AotX86_64.ZipPath), File.ReadAllBytes(packaged.AotX86_64FromSecondCheckout.ZipPath));
        Assert.Equal(packaged.AotX86_64.CacheKey, packaged.AotX86_64FromSecondCheckout.CacheKey);
    }

    [Fact]
    public void ManagedZipHoldsTheExecutableAssemblyWithItsDepsAndRuntimeConfigReadableAndNoSymbols()
    {
        using var zip = ZipFile.OpenRead(packaged.ManagedX86_64.ZipPath);
        var names = zip.Entries.Select(entry => entry.FullName).ToList();

        Assert.Contains("Rtc.Functions.dll", names);
        Assert.Contains("Rtc.Functions.deps.json", names);
        Assert.Contains("Rtc.Functions.runtimeconfig.json", names);
        Assert.DoesNotContain(names, name => name.EndsWith(".pdb", StringComparison.Ordinal));
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.All(zip.Entries, entry => Assert.Equal(Convert.ToInt32("100644", 8), entry.ExternalAttributes >>> 16));
        Assert.All(zip.Entries, entry => Assert.Equal(DeterministicZip.EntryTime.DateTime, entry.LastWriteTime.DateTime));
    }

    [Fact]
    public void ManagedZipIsPublishedForTheArchitecturesRuntime()
    {
        using var zip = ZipFile.OpenRead(packaged.ManagedX86_64.ZipPath);
        using var deps = new StreamReader(zip.GetEntry("Rtc.Functions.deps.json")!.Open());

        Assert.Contains(LambdaArchitecture.X86_64.RuntimeIdentifier, deps.ReadToEnd());
    }

    [Fact]
    public void PackagesLiveWhereTheTemplateNamesThem()
    {
        Assert.Equal(packaged.First.PathOf("artifacts/functions/aot-x86_64/function.zip"), packaged.AotX86_64.ZipPath);
        Assert.Equal(packaged.First.PathOf("artifacts/functions/aot-arm64/function.zip"), packaged.AotArm64.ZipPath);
        Assert.Equal(packaged.First.PathOf("artifacts/functions/managed-x86_64/function.zip"), packaged.ManagedX86_64.ZipPath);
    }

    private ElfFile Bootstrap(string architecture)
    {
        var package = architecture == "arm64" ? packaged.AotArm64 : packaged.AotX86_64;
        using var zip = ZipFile.OpenRead(package.ZipPath);
        using var bootstrap = new MemoryStream();
        zip.GetEntry("bootstrap")!.Open().CopyTo(bootstrap);
        return new ElfFile(bootstrap.ToArray());
    }
}
