using Microsoft.Extensions.DependencyInjection;
using Rtc.Functions.History;

namespace Rtc.Local.Tests;

/// <summary>
/// Publisher input that is JSON but that the publisher cannot use (a lone UTF-16 surrogate escape, nesting past
/// the functions' 64 levels) is refused as <c>InvalidPublishRequest</c> naming the problem at both doors, the
/// unsigned <c>/@local/publish</c> (400) and the Invoke API (the function's error), and nothing is stored.
/// </summary>
public sealed class UnreadableInputTests
{
    private static readonly HttpClient Http = new();

    public static TheoryData<string, string, string> Inputs()
    {
        var data = new TheoryData<string, string, string>();
        var cases = new (string Body, string Named)[]
        {
            ("""{"userId":"alice","message":"\ud800"}""", "lone UTF-16 surrogate"),
            ("""{"userId":"\ud800","message":1}""", "lone UTF-16 surrogate"),
            ($$"""{"userId":"alice","message":{{new string('[', 64)}}{{new string(']', 64)}}}""", "nested more than 64 levels deep"),
        };
        foreach (var door in new[] { "/@local/publish", "/2015-03-31/functions/publisher/invocations" })
        {
            foreach (var (body, named) in cases)
            {
                data.Add(door, body, named);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task IsRefusedAsInvalidPublishRequestNamingTheProblemAndNothingIsStored(string door, string body, string named)
    {
        await using var real = await RealGateway.StartAsync(TestGateway.Options with { RequireSignature = false });

        using var response = await Http.PostAsync(new Uri(real.Gateway.BaseUri, door), new StringContent(body, Encoding.UTF8, "application/json"));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        if (door == "/@local/publish")
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        else
        {
            // Lambda answers 200 and flags the function's error; the error type is the publisher's refusal.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.Contains("X-Amz-Function-Error"));
        }

        Assert.Equal("InvalidPublishRequest", error.GetProperty("errorType").GetString());
        Assert.Contains(named, error.GetProperty("errorMessage").GetString());
        Assert.Null(await real.Gateway.Services.GetRequiredService<IHistoryStore>().GetHeadAsync("alice"));
    }
}
