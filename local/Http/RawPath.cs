using Microsoft.AspNetCore.Http.Features;

namespace Rtc.Local.Http;

/// <summary>
/// The request target exactly as sent. Routing and signature checks work from it: Kestrel's decoded path would
/// split a connection id holding an encoded <c>/</c>, and SigV4 signs the path as it was on the wire.
/// </summary>
internal static class RawPath
{
    /// <summary>The raw path and raw query (without <c>?</c>) of the request.</summary>
    public static (string Path, string Query) Split(HttpContext http)
    {
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return queryStart < 0 ? (rawTarget, "") : (rawTarget[..queryStart], rawTarget[(queryStart + 1)..]);
    }

    /// <summary>The path's segments, each percent-decoded once, without the leading empty one.</summary>
    public static IReadOnlyList<string> Segments(HttpContext http) =>
        Split(http).Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
}
