using System.Collections.Frozen;
using Rtc.Local.Hosting;

namespace Rtc.Local.Demo;

/// <summary>
/// The demo page and what it loads, embedded in the gateway's assembly so that it works from any folder: the
/// page, its script and style (<c>local/Demo</c>), and the browser client's module, embedded from the
/// repository's <c>client/src</c> (one copy of the file, see <c>Rtc.Local.csproj</c>).
/// </summary>
internal static class DemoAssets
{
    private static readonly FrozenDictionary<string, Asset> ByPath = new Dictionary<string, Asset>(StringComparer.Ordinal)
    {
        [LocalRoutes.Page] = Load("Demo/index.html", "text/html; charset=utf-8"),
        [$"{LocalRoutes.DemoAssets}/demo.js"] = Load("Demo/demo.js", "text/javascript; charset=utf-8"),
        [$"{LocalRoutes.DemoAssets}/demo.css"] = Load("Demo/demo.css", "text/css; charset=utf-8"),
        [LocalRoutes.ClientModule] = Load("client/rtc-client.js", "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> Paths => ByPath.Keys;

    /// <summary>Writes the asset at the request's path.</summary>
    public static Task WriteAsync(HttpContext http)
    {
        var asset = ByPath[http.Request.Path.Value!];
        http.Response.ContentType = asset.ContentType;
        // The files change with the gateway's build; a browser asks again rather than run a stale client.
        http.Response.Headers.CacheControl = "no-cache";
        return http.Response.Body.WriteAsync(asset.Content, http.RequestAborted).AsTask();
    }

    private static Asset Load(string name, string contentType)
    {
        using var stream = typeof(DemoAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The gateway was built without its embedded {name}.");
        using var content = new MemoryStream();
        stream.CopyTo(content);
        return new Asset(content.ToArray(), contentType);
    }

    private sealed record Asset(byte[] Content, string ContentType);
}
