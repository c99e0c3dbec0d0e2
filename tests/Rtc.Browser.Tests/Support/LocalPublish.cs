namespace Rtc.Browser.Tests.Support;

/// <summary>Publishes through the gateway's <c>POST /@local/publish</c>, as a backend under development would.</summary>
public static class LocalPublish
{
    private static readonly HttpClient Http = new();

    /// <summary>Publishes <c>{"n": n}</c> to <paramref name="user"/>; returns the publisher's result.</summary>
    public static async Task<JsonElement> NumberAsync(Uri gateway, string user, int n)
    {
        using var response = await Http.PostAsync(new Uri(gateway, "/@local/publish"),
            new StringContent($$$"""{"userId":"{{{user}}}","message":{"n":{{{n}}}}}"""));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/@local/publish answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Publishes <c>{"n": from}</c> to <c>{"n": to}</c>, one after another.</summary>
    public static async Task NumbersAsync(Uri gateway, string user, int from, int to)
    {
        for (var n = from; n <= to; n++)
        {
            await NumberAsync(gateway, user, n);
        }
    }

    /// <summary>The JSON the page shows for message <paramref name="n"/>.</summary>
    public static string Shown(int n) => $$$"""{"n":{{{n}}}}""";
}
