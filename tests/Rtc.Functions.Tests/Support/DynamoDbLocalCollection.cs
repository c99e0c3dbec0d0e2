namespace Rtc.Functions.Tests.Support;

/// <summary>This assembly's test classes in <see cref="DynamoDbLocal.Collection"/> share one DynamoDB Local process.</summary>
[CollectionDefinition(DynamoDbLocal.Collection)]
public sealed class DynamoDbLocalCollection : ICollectionFixture<DynamoDbLocal>;
