using System.Diagnostics;

namespace Rtc.Browser.Tests.Support;

/// <summary>
/// The gateway's demo page in a tab of its own browser context (its own sessionStorage), used as a person uses
/// it: the form fields and buttons, and what the page shows. Also records the page's WebSockets and token
/// requests as the browser saw them.
/// </summary>
public sealed class DemoTab : IAsyncDisposable
{
    /// <summary>How long any wait on the page may take before the test fails.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly IBrowserContext context;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<SocketLifetime> sockets = [];
    private int tokenRequests;

    private DemoTab(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.WebSocket += (_, socket) =>
        {
            var lifetime = new SocketLifetime(clock.Elapsed);
            lock (sockets)
            {
                sockets.Add(lifetime);
            }

            socket.Close += (_, _) => lifetime.ClosedAt = clock.Elapsed;
        };
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == "/@local/token")
            {
                Interlocked.Increment(ref tokenRequests);
            }
        };
    }

    /// <summary>The browser tab.</summary>
    public IPage Page { get; }

    /// <summary>How many development tokens the page has asked the gateway for.</summary>
    public int TokenRequests => Volatile.Read(ref tokenRequests);

    /// <summary>Every WebSocket the page created, in order.</summary>
    public IReadOnlyList<SocketLifetime> Sockets
    {
        get
        {
            lock (sockets)
            {
                return [.. sockets];
            }
        }
    }

    /// <summary>Opens the demo page at <paramref name="baseUri"/> in a new context and waits until it has read its configuration.</summary>
    public static async Task<DemoTab> OpenAsync(IBrowser browser, Uri baseUri, Func<IBrowserContext, Task>? prepare = null)
    {
        var context = await browser.NewContextAsync();
        context.SetDefaultTimeout((float)WaitLimit.TotalMilliseconds);
        if (prepare is not null)
        {
            await prepare(context);
        }

        var tab = new DemoTab(context, await context.NewPageAsync());
        await tab.Page.GotoAsync(baseUri.ToString());
        await tab.WaitUntilLoadedAsync();
        return tab;
    }

    /// <summary>Reloads the page (same tab, same sessionStorage) and waits until it has read its configuration.</summary>
    public async Task ReloadAsync()
    {
        await Page.ReloadAsync();
        await WaitUntilLoadedAsync();
    }

    /// <summary>Types <paramref name="user"/> and presses Connect.</summary>
    public async Task ConnectAsync(string user)
    {
        await Page.FillAsync("#user", user);
        await Page.ClickAsync("#connect");
    }

    /// <summary>Presses Connect with the user the page shows.</summary>
    public Task PressConnectAsync() => Page.ClickAsync("#connect");

    /// <summary>The user id field's value.</summary>
    public Task<string> UserFieldAsync() => Page.InputValueAsync("#user");

    /// <summary>Waits until the state badge shows <paramref name="state"/>.</summary>
    public Task WaitForStateAsync(string state) =>
        Page.WaitForFunctionAsync("state => document.getElementById('state').dataset.state === state", state);

    /// <summary>Publishes <paramref name="message"/> to <paramref name="targets"/> with the page's form; returns what it shows.</summary>
    public async Task<string> PublishFromFormAsync(string targets, string message)
    {
        await Page.EvaluateAsync("() => { const result = document.getElementById('publish-result'); result.hidden = true; result.textContent = ''; }");
        await Page.FillAsync("#targets", targets);
        await Page.FillAsync("#message", message);
        await Page.ClickAsync("#publish");
        await Page.WaitForFunctionAsync("() => !document.getElementById('publish-result').hidden");
        return await Page.InnerTextAsync("#publish-result");
    }

    /// <summary>Waits until the page shows at least <paramref name="count"/> notifications.</summary>
    public Task WaitForMessagesAsync(int count) =>
        Page.WaitForFunctionAsync("count => document.querySelectorAll('#messages li:not(.reset)').length >= count", count);

    /// <summary>Waits until the page shows the notification with <paramref name="seq"/>.</summary>
    public Task WaitForSeqAsync(long seq) =>
        Page.WaitForFunctionAsync("seq => document.querySelector(`#messages li[data-seq=\"${seq}\"]`) !== null", seq);

    /// <summary>Waits until the page shows at least <paramref name="count"/> resets.</summary>
    public Task WaitForResetsAsync(int count) =>
        Page.WaitForFunctionAsync("count => document.querySelectorAll('#messages li.reset').length >= count", count);

    /// <summary>The notifications the page shows, in order.</summary>
    public async Task<IReadOnlyList<ShownMessage>> MessagesAsync()
    {
        var rows = await Page.EvalOnSelectorAllAsync<string[][]>("#messages li:not(.reset)",
            "items => items.map(item => [item.dataset.seq ?? '', item.querySelector('code').textContent])");
        return [.. rows.Select(row => new ShownMessage(row[0] == "" ? null : long.Parse(row[0]), row[1]))];
    }

    /// <summary>The reasons of the resets the page shows, in order.</summary>
    public async Task<IReadOnlyList<string>> ResetsAsync() =>
        await Page.EvalOnSelectorAllAsync<string[]>("#messages li.reset", "items => items.map(item => item.dataset.reset)");

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await context.DisposeAsync();

    private Task WaitUntilLoadedAsync() =>
        Page.WaitForFunctionAsync("() => document.querySelectorAll('#config dd').length > 0");
}

/// <summary>A notification as the page shows it: its seq (none without history) and its data as JSON.</summary>
/// <param name="Seq">The number shown, or null.</param>
/// <param name="Json">The message's data.</param>
public sealed record ShownMessage(long? Seq, string Json);

/// <summary>When the page created a WebSocket and when the browser saw it close, from the tab's opening.</summary>
/// <param name="CreatedAt">When the page created it.</param>
public sealed class SocketLifetime(TimeSpan CreatedAt)
{
    /// <summary>When the page created it.</summary>
    public TimeSpan CreatedAt { get; } = CreatedAt;

    /// <summary>When it closed; null while open.</summary>
    public TimeSpan? ClosedAt { get; set; }
}
