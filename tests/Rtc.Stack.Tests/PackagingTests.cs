using Rtc.Stack.Packaging;
using Rtc.Stack.Tests.Support;

namespace Rtc.Stack.Tests;

/// <summary>The functions package is deterministic and holds what Lambda's dotnet runtime runs.</summary>
[Collection(PublishCollection.Name)]
public sealed class PackagingTests(PublishedFunctions published)
{
    [Fact]
    public void TwoPublishesOfUnchangedSourcesAreByteIdentical()
    {
        var first = Files(published.First);
        var second = Files(published.Second);

        Assert.Equal(first.Keys, second.Keys);
        Assert.All(first, file => Assert.True(file.Value.SequenceEqual(second[file.Key]), $"{file.Key} differs between publishes"));
    }

    [Fact]
    public void PackageHoldsTheExecutableAssemblyWithItsDepsAndRuntimeConfigAndNoSymbols()
    {
        var files = Files(published.First).Keys;

        Assert.Contains("Rtc.Functions.dll", files);
        Assert.Contains("Rtc.Functions.deps.json", files);
        Assert.Contains("Rtc.Functions.runtimeconfig.json", files);
        Assert.DoesNotContain(files, file => file.EndsWith(".pdb", StringComparison.Ordinal));
    }

    [Fact]
    public void PackageIsPublishedForTheLambdaArchitecturesRuntime()
    {
        var deps = File.ReadAllText(Path.Combine(published.First, "Rtc.Functions.deps.json"));

        Assert.Contains(FunctionPackager.RuntimeIdentifier(PublishedFunctions.Architecture), deps);
        Assert.Equal("linux-arm64", FunctionPackager.RuntimeIdentifier("arm64"));
    }

    private static SortedDictionary<string, byte[]> Files(string directory) => new(
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(directory, path), File.ReadAllBytes),
        StringComparer.Ordinal);
}
