using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Functions.Publishing;
using Rtc.Stack.Tests.Support;

namespace Rtc.Stack.Tests;

/// <summary>
/// <c>publishConcurrency</c> in the stack, in <c>Pulumi.yaml</c> and the publisher's own
/// <c>RTC_PUBLISH_CONCURRENCY</c> limits agree: whatever the stack deploys, the publisher starts with.
/// </summary>
public sealed class PublishConcurrencyTests
{
    [Fact]
    public void PulumiYamlDefaultIsThePublishersDefault()
    {
        var declared = ProjectFile.Load("Pulumi.yaml").Child("config").Child("publishConcurrency");

        Assert.Equal(new PublisherOptions().Concurrency, int.Parse(declared.Child("default").Text(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new PublisherOptions().Concurrency, PublisherOptions.FromEnvironment(PublisherEnvironment(StackRun.ForStack("dev"))).Concurrency);
    }

    [Theory]
    [InlineData(FunctionSettings.MinPublishConcurrency)]
    [InlineData(FunctionSettings.MaxPublishConcurrency)]
    public void EveryValueTheStackAcceptsStartsThePublisher(int concurrency)
    {
        var run = StackRun.ForStack("dev", new Dictionary<string, string> { ["publishConcurrency"] = $"{concurrency}" });

        Assert.Equal(concurrency, PublisherOptions.FromEnvironment(PublisherEnvironment(run)).Concurrency);
    }

    [Theory]
    [InlineData(FunctionSettings.MinPublishConcurrency - 1)]
    [InlineData(FunctionSettings.MaxPublishConcurrency + 1)]
    public void EveryValueThePublisherRefusesTheStackRefusesToo(int concurrency)
    {
        var text = $"{concurrency}";
        var run = StackRun.ForStack("dev", new Dictionary<string, string> { ["publishConcurrency"] = text });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"'rtc-pulumi:publishConcurrency' is {text}", run.Stderr);
        Assert.Contains($"from {FunctionSettings.MinPublishConcurrency} to {FunctionSettings.MaxPublishConcurrency}", run.Stderr);
        Assert.Throws<InvalidOperationException>(() => PublisherOptions.FromEnvironment(
            new DictionaryEnvironment(new Dictionary<string, string?> { [EnvironmentVariables.PublishConcurrency] = text })));
    }

    private static DictionaryEnvironment PublisherEnvironment(StackRun run) => new(
        run.Template().Properties("publisher-function")["environment"]!["variables"]!.AsObject()
            .ToDictionary(variable => variable.Key, variable => (string?)variable.Value));
}
