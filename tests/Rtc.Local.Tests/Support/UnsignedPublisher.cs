namespace Rtc.Local.Tests.Support;

/// <summary>
/// Invokes the publisher through the gateway's Invoke API over plain HTTP, for gateways started without signature
/// checks: many publishes in a test would take most of a minute as AWS CLI processes, and signing is the Invoke API
/// tests' business.
/// </summary>
internal static class UnsignedPublisher
{
    private static readonly HttpClient Http = new();

    /// <summary>
    /// A gateway that checks no signatures, on <paramref name="storage"/>: <c>memory</c>, or <c>dynamodb</c> with
    /// fresh tables on <paramref name="dynamo"/>.
    /// </summary>
    public static GatewayOptions Options(string storage, DynamoDbLocal dynamo) => storage == "dynamodb"
        ? TestGateway.Options with
        {
            RequireSignature = false,
            DynamoDbEndpoint = new Uri(dynamo.Endpoint),
            TableName = $"unsigned-{Guid.NewGuid():N}",
            HistoryTableName = $"unsigned-{Guid.NewGuid():N}",
        }
        : TestGateway.Options with { RequireSignature = false };

    /// <summary>Publishes <paramref name="payload"/> and returns the publisher's result; a function error fails the test.</summary>
    public static async Task<JsonElement> PublishAsync(LocalGateway gateway, string payload)
    {
        using var response = await Http.PostAsync(new Uri(gateway.BaseUri, "2015-03-31/functions/publisher/invocations"),
            new StringContent(payload, Encoding.UTF8));
        var body = await response.Content.ReadAsStringAsync();
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
