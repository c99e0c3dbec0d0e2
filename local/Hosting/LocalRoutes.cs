namespace Rtc.Local.Hosting;

/// <summary>
/// The gateway's own paths, beside the AWS APIs it emulates: under <c>/@local</c>, which no stage name can be
/// (API Gateway's stage names are letters, digits, <c>-</c> and <c>_</c>), plus the demo page at <c>/</c>.
/// </summary>
internal static class LocalRoutes
{
    public const string Page = "/";

    /// <summary>The browser client's module, <c>client/src/rtc-client.js</c> of the repository.</summary>
    public const string ClientModule = "/@local/client/rtc-client.js";

    /// <summary>The demo page's script and style: <c>/@local/demo/{file}</c>.</summary>
    public const string DemoAssets = "/@local/demo";

    /// <summary>The running gateway's <c>clientConfig</c>.</summary>
    public const string ClientConfig = "/@local/client-config";

    /// <summary>Runs the publisher with the request body as its input, unsigned.</summary>
    public const string Publish = "/@local/publish";

    /// <summary>Mints a development token (<c>?user=NAME</c>), with <c>--auth jwt</c> only.</summary>
    public const string Token = "/@local/token";
}
