namespace Rtc.Browser.Tests.Support;

/// <summary>
/// One headless Chromium for the whole run, shared by every browser test: Debian's <c>chromium</c> package
/// (installed by <c>tests/install-deps</c>), driven by Playwright. Playwright's own browser download is never
/// used. Each test opens its own browser context, so pages do not share storage or cookies.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>The collection whose test classes share one browser.</summary>
    public const string Collection = "Chromium";

    /// <summary>Where Debian's package installs the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    // Playwright adds --headless and a fresh --user-data-dir itself. The rest keep Chromium from reaching out
    // (updates, sync, field trials, QUIC probes): the machine has loopback only, and those attempts fail noisily.
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;

    /// <summary>The running browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {ExecutablePath}: run tests/install-deps as root (or apt-get install chromium).");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Flags });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
