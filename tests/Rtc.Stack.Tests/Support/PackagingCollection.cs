namespace Rtc.Stack.Tests.Support;

/// <summary>
/// Tests that share <see cref="PackagedFunctions"/>, and DynamoDB Local for the packaged functions to run against.
/// They run one after another, after the fixture's publishes (two at a time, one per checkout), so nothing they run
/// competes with a publish for the machine's cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackagedFunctions>, ICollectionFixture<DynamoDbLocal>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "packaged functions";
}
