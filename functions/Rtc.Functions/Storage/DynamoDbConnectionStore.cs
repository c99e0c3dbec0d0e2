using Rtc.Functions.Configuration;

namespace Rtc.Functions.Storage;

// PLACEHOLDER (foundation skeleton): replaced by the DynamoDB implementation.
public sealed class DynamoDbConnectionStore
{
    public static IConnectionStore FromEnvironment(IFunctionEnvironment environment) => throw new NotImplementedException();
}
