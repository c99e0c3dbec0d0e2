using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Rtc.Local.Http;

/// <summary>
/// The request path's segments as sent, each percent-decoded once. Working from the raw target keeps an encoded
/// <c>/</c> inside a connection id from splitting it.
/// </summary>
public static class RawPath
{
    /// <summary>The decoded segments of the path, without the leading empty one.</summary>
    public static IReadOnlyList<string> Segments(HttpContext http)
    {
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
    }
}
