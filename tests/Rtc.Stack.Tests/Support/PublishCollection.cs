namespace Rtc.Stack.Tests.Support;

/// <summary>
/// Tests that share <see cref="PublishedFunctions"/>, and tests that build the functions project: run in parallel,
/// a build's restore (no runtime identifier) rewrites the assets file under a publish for <c>linux-x64</c>, which
/// then fails with NETSDK1047.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PublishCollection : ICollectionFixture<PublishedFunctions>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "published functions";
}
