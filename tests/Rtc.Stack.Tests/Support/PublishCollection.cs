namespace Rtc.Stack.Tests.Support;

/// <summary>Tests that share <see cref="PublishedFunctions"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PublishCollection : ICollectionFixture<PublishedFunctions>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "published functions";
}
