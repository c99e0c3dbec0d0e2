using Rtc.Functions.Runtime;
using Rtc.Functions.Management;

namespace Rtc.Functions.Tests.Management;

public sealed class ManagementEndpointTests
{
    [Fact]
    public void DomainAndStageGiveTheHttpsStageUrlSignedForTheLambdaRegion()
    {
        var endpoint = ManagementEndpoint.FromEnvironment(Environment(
            ("WEBSOCKET_DOMAIN", "abc123.execute-api.eu-west-1.amazonaws.com"), ("WEBSOCKET_STAGE", "prod"), ("AWS_REGION", "eu-west-1")));

        Assert.Equal(new ManagementEndpoint(new Uri("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"), "eu-west-1"), endpoint);
    }

    [Fact]
    public void ManagementEndpointVariableWinsOverDomainAndStage()
    {
        var endpoint = ManagementEndpoint.FromEnvironment(Environment(
            ("RTC_MANAGEMENT_ENDPOINT", "http://127.0.0.1:8080/local"), ("WEBSOCKET_DOMAIN", "abc.example"), ("WEBSOCKET_STAGE", "prod")));

        Assert.Equal(new ManagementEndpoint(new Uri("http://127.0.0.1:8080/local"), ManagementEndpoint.LocalDefaultRegion), endpoint);
    }

    [Theory]
    [InlineData("WEBSOCKET_STAGE", "prod")]
    [InlineData("WEBSOCKET_DOMAIN", "abc.example")]
    public void MissingDomainOrStageNamesBothVariables(string name, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ManagementApiClient.FromEnvironment(Environment((name, value), ("AWS_REGION", "eu-west-1"))));

        Assert.Contains("WEBSOCKET_DOMAIN", error.Message);
        Assert.Contains("WEBSOCKET_STAGE", error.Message);
    }

    [Fact]
    public void MissingRegionIsNamed()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ManagementEndpoint.FromEnvironment(Environment(("WEBSOCKET_DOMAIN", "abc.example"), ("WEBSOCKET_STAGE", "prod"))));

        Assert.Contains("AWS_REGION", error.Message);
    }

    [Fact]
    public void ARelativeManagementEndpointIsRejectedByName()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ManagementEndpoint.FromEnvironment(Environment(("RTC_MANAGEMENT_ENDPOINT", "127.0.0.1:8080/local"))));

        Assert.Contains("RTC_MANAGEMENT_ENDPOINT", error.Message);
    }

    [Fact]
    public void ClientFromEnvironmentBuildsWithoutResolvingCredentials()
    {
        var client = ManagementApiClient.FromEnvironment(Environment(
            ("WEBSOCKET_DOMAIN", "abc123.execute-api.eu-west-1.amazonaws.com"), ("WEBSOCKET_STAGE", "prod"), ("AWS_REGION", "eu-west-1")));

        Assert.IsType<ManagementApiClient>(client);
    }

    private static DictionaryEnvironment Environment(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(value => value.Name, value => (string?)value.Value));
}
