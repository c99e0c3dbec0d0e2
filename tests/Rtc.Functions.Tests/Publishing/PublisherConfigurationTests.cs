using Rtc.Contracts;
using Rtc.Functions.History;
using Rtc.Functions.Management;
using Rtc.Functions.Publishing;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Tests.Publishing;

public sealed class PublisherConfigurationTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-4")]
    [InlineData("sixty")]
    [InlineData("6.5")]
    public void AnInvalidConcurrencyIsAnInitErrorNamingTheKeyAndRange(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => HandlerCatalog.Create(HandlerNames.Publisher, Services(value)));

        Assert.Contains("RTC_PUBLISH_CONCURRENCY", error.Message);
        Assert.Contains("1 to 1000", error.Message);
    }

    [Theory]
    [InlineData(null, 64)]
    [InlineData("1", 1)]
    [InlineData("200", 200)]
    public void ConcurrencyDefaultsTo64AndFollowsTheSetting(string? value, int expected)
    {
        var options = PublisherOptions.FromEnvironment(Environment(value));

        Assert.Equal(expected, options.Concurrency);
    }

    [Fact]
    public void ThePublisherHandlerIsWiredUnderItsName()
    {
        Assert.IsType<PublisherHandler>(HandlerCatalog.Create(HandlerNames.Publisher, Services((string?)null)));
    }

    [Theory]
    [InlineData(HandlerNames.Publisher)]
    [InlineData(HandlerNames.Connections)]
    public void AnInvalidHistoryRetentionIsAnInitErrorOfBothHistoryHandlersNamingTheVariableAndRange(string handler)
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string?>
        {
            ["RTC_HISTORY_TABLE"] = "rtc-dev-history",
            ["RTC_HISTORY_SECONDS"] = "0",
        });

        var error = Assert.Throws<InvalidOperationException>(() => HandlerCatalog.Create(handler, Services(environment)));

        Assert.Contains("RTC_HISTORY_SECONDS is '0'", error.Message);
        Assert.Contains("from 1 to 31536000", error.Message);
    }

    private static DictionaryEnvironment Environment(string? concurrency) =>
        new(new Dictionary<string, string?> { ["RTC_PUBLISH_CONCURRENCY"] = concurrency });

    private static FunctionServices Services(string? concurrency) => Services(Environment(concurrency));

    private static FunctionServices Services(IFunctionEnvironment environment)
    {
        return new FunctionServices(
            environment,
            new Lazy<IConnectionStore>(() => new InMemoryConnectionStore()),
            new Lazy<IHistoryStore?>(() => DynamoDbHistoryStore.FromEnvironment(environment)),
            new Lazy<IManagementApi>(() => new ManagementApiClient(new HttpClient(), new Uri("http://127.0.0.1:1/local"), "us-east-1", new Amazon.Runtime.BasicAWSCredentials("a", "b"))),
            TimeProvider.System,
            new FunctionLogger(TextWriter.Null, TimeProvider.System));
    }
}
