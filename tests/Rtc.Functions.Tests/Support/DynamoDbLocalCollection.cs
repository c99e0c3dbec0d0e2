namespace Rtc.Functions.Tests.Support;

/// <summary>Test classes in this collection share one DynamoDB Local process.</summary>
[CollectionDefinition(Name)]
public sealed class DynamoDbLocalCollection : ICollectionFixture<DynamoDbLocal>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "DynamoDB Local";
}
