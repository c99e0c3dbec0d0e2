using Amazon.Runtime;
using Rtc.Testing.Management;

namespace Rtc.Functions.Tests.Publishing;

/// <summary>
/// A publisher wired as in production (real management client over HTTP, real stores) against the loopback
/// management API stub, with zero-jitter retries so tests are deterministic.
/// </summary>
public sealed class PublisherHarness : IAsyncDisposable
{
    private readonly HttpClient httpClient = new(ManagementApiClient.CreateHandler());
    private readonly StringWriter log = new();

    private PublisherHarness(IConnectionStore store, IHistoryStore? history, ManagementApiStub stub)
    {
        Store = store;
        History = history;
        Stub = stub;
    }

    /// <summary>The store the publisher lists and deletes from.</summary>
    public IConnectionStore Store { get; }

    /// <summary>The history store the publisher appends to; null for history off. May be replaced before a publish.</summary>
    public IHistoryStore? History { get; set; }

    /// <summary>The management API stand-in.</summary>
    public ManagementApiStub Stub { get; }

    /// <summary>The publisher's settings (small delays; change before <see cref="PublishAsync"/>).</summary>
    public PublisherOptions Options { get; set; } = new() { Concurrency = 8, MaxAttempts = 4, FirstRetryDelay = TimeSpan.FromMilliseconds(5), DeadlineReserve = TimeSpan.FromMilliseconds(200) };

    /// <summary>The backoff's random source (always zero unless set: retries are immediate).</summary>
    public Random Jitter { get; set; } = new FixedRandom(0);

    /// <summary>The management client's per-request timeout.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The log lines the publisher wrote.</summary>
    public IReadOnlyList<string> LogLines => log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A harness over <paramref name="store"/> and <paramref name="history"/> (null: history off) with a fresh stub.</summary>
    public static async Task<PublisherHarness> StartAsync(IConnectionStore store, IHistoryStore? history) =>
        new(store, history, await ManagementApiStub.StartAsync());

    /// <summary>
    /// How long ago the connections <see cref="ConnectAsync(string, string[])"/> stores began: by default long enough that a 410 means
    /// gone (older than <see cref="GoneConnections.OpeningWindow"/>).
    /// </summary>
    public static readonly TimeSpan Opened = GoneConnections.OpeningWindow + TimeSpan.FromMinutes(1);

    /// <summary>Stores connections of <paramref name="userId"/> with the given ids, begun <see cref="Opened"/> ago.</summary>
    public Task ConnectAsync(string userId, params string[] connectionIds) => ConnectAsync(userId, Opened, connectionIds);

    /// <summary>Stores connections of <paramref name="userId"/> with the given ids, begun <paramref name="ago"/> ago.</summary>
    public async Task ConnectAsync(string userId, TimeSpan ago, params string[] connectionIds)
    {
        var now = DateTimeOffset.UtcNow - ago;
        foreach (var connectionId in connectionIds)
        {
            Assert.True(await Store.AddAsync(new Connection(connectionId, userId, now, now.AddHours(2).AddMinutes(5))));
        }
    }

    /// <summary>Invokes the publisher with <paramref name="eventJson"/> and the deadline <paramref name="timeLeft"/> away.</summary>
    public async Task<PublishResult> PublishAsync(string eventJson, TimeSpan? timeLeft = null)
    {
        var json = await CreateHandler().HandleAsync(eventJson, Context(timeLeft ?? TimeSpan.FromMinutes(1)));
        return JsonSerializer.Deserialize(json, PublishJsonContext.Default.PublishResult)!;
    }

    /// <summary>Invokes the publisher with a disconnect request <paramref name="eventJson"/>.</summary>
    public async Task<DisconnectResult> DisconnectAsync(string eventJson, TimeSpan? timeLeft = null)
    {
        var json = await CreateHandler().HandleAsync(eventJson, Context(timeLeft ?? TimeSpan.FromMinutes(1)));
        return JsonSerializer.Deserialize(json, DisconnectJsonContext.Default.DisconnectResult)!;
    }

    /// <summary>Invokes the publisher and returns its raw JSON result.</summary>
    public Task<string> PublishRawAsync(string eventJson) => CreateHandler().HandleAsync(eventJson, Context(TimeSpan.FromMinutes(1)));

    /// <summary>An invocation context whose deadline is <paramref name="timeLeft"/> from now.</summary>
    public static InvocationContext Context(TimeSpan timeLeft) => new("request-1", DateTimeOffset.UtcNow + timeLeft);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        httpClient.Dispose();
        await Stub.DisposeAsync();
    }

    private PublisherHandler CreateHandler()
    {
        var management = new ManagementApiClient(
            httpClient, Stub.StageUri, "us-east-1", new SessionAWSCredentials("ASIATEST", "secret", "token"), requestTimeout: RequestTimeout);
        return new PublisherHandler(Store, History, management, Options, TimeProvider.System, Jitter, new FunctionLogger(log, TimeProvider.System));
    }
}
