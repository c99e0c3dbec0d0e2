namespace Rtc.Stack.Tests;

/// <summary>
/// <c>pulumi preview</c> runs the compiler: a publish whose inputs have not changed is reused rather than compiled
/// again, and any change to them publishes afresh.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class PublishCacheTests(PackagedFunctions packaged)
{
    [Fact]
    public async Task PackagingAgainWithNothingChangedReusesThePublishAndGivesTheSameZip()
    {
        var before = await File.ReadAllBytesAsync(packaged.AotX86_64.ZipPath);
        var log = new StringWriter();

        var again = await new FunctionPackager(packaged.First.Root, log, AotToolchain.Host).PackageAsync(FunctionPackaging.Aot, "x86_64");

        Assert.True(again.Reused);
        Assert.DoesNotContain("publishing", log.ToString());
        Assert.Contains("reusing", log.ToString());
        Assert.Equal(before, await File.ReadAllBytesAsync(again.ZipPath));
    }

    [Fact]
    public async Task ASourceChangePublishesAgainAndTheManagedZipIsTheSameFromAnotherCheckoutUntilThen()
    {
        // Packaged in the fixture, beside the first checkout's publishes: see PackagedFunctions.
        var (first, firstZip, unchanged, changed) = packaged.ManagedX86_64InSecondCheckout;

        Assert.False(first.Reused);
        Assert.Equal(await File.ReadAllBytesAsync(packaged.ManagedX86_64.ZipPath), firstZip);
        Assert.True(unchanged.Reused);
        Assert.False(changed.Reused);
        Assert.NotEqual(first.CacheKey, changed.CacheKey);
    }

    [Fact]
    public void TheKeyCoversSourcesAndBuildFilesButNotBuildOutput()
    {
        var inputs = PublishCacheKey.Inputs(packaged.First.Root).Select(input => input.Relative).ToList();

        Assert.Contains("functions/Rtc.Functions/Rtc.Functions.csproj", inputs);
        Assert.Contains("functions/Rtc.Functions/Program.cs", inputs);
        Assert.Contains("Directory.Build.props", inputs);
        Assert.Contains("Directory.Packages.props", inputs);
        Assert.Contains("global.json", inputs);
        // The first checkout has been published, so obj/ exists there (NuGet's restore files go to the project's obj/).
        Assert.True(Directory.Exists(packaged.First.PathOf("functions/Rtc.Functions/obj")));
        Assert.DoesNotContain(inputs, input => input.Contains("/obj/", StringComparison.Ordinal) || input.Contains("/bin/", StringComparison.Ordinal));
    }

    [Fact]
    public void TheKeyChangesWithTheSdkVersionAndThePublishArguments()
    {
        var root = packaged.First.Root;
        var key = PublishCacheKey.Compute(root, "10.0.100", ["publish", "-r", "linux-x64"]);

        Assert.Equal(key, PublishCacheKey.Compute(root, "10.0.100", ["publish", "-r", "linux-x64"]));
        Assert.NotEqual(key, PublishCacheKey.Compute(root, "10.0.101", ["publish", "-r", "linux-x64"]));
        Assert.NotEqual(key, PublishCacheKey.Compute(root, "10.0.100", ["publish", "-r", "linux-arm64"]));
    }
}
