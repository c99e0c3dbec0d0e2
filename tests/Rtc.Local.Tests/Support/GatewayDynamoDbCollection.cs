using Rtc.Functions.Tests.Support;

namespace Rtc.Local.Tests.Support;

/// <summary>
/// This assembly's test classes that share one DynamoDB Local process (xunit finds collection definitions only in
/// the test assembly itself, so the functions tests' definition is repeated here).
/// </summary>
[CollectionDefinition(Name)]
public sealed class GatewayDynamoDbCollection : ICollectionFixture<DynamoDbLocal>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Gateway on DynamoDB Local";
}
