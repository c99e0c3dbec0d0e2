using Amazon.DynamoDBv2;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Storage;

/// <summary>The DynamoDB client of a Lambda process, shared by the connection and history stores.</summary>
public static class DynamoDbClients
{
    // One per process, built on first use: the stores of one function share its configuration, its
    // pipeline and its pooled connections rather than each setting up its own.
    private static readonly Lazy<IAmazonDynamoDB> Shared = new(() =>
        LambdaCredentials.FromEnvironment() is { } credentials ? new AmazonDynamoDBClient(credentials) : new AmazonDynamoDBClient());

    /// <summary>
    /// The SDK's default client (region from the Lambda environment, endpoint from the SDK's standard
    /// <c>AWS_ENDPOINT_URL_DYNAMODB</c> or <c>AWS_ENDPOINT_URL</c> when set, which the SDK reads itself) with Lambda's
    /// credentials from <see cref="LambdaCredentials"/>. It lives as long as the process, like the execution
    /// environment it serves. Built on first use, so a function is ready for its first event without it.
    /// </summary>
    public static Lazy<IAmazonDynamoDB> Process => Shared;
}
