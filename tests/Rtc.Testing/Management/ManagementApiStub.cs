using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Rtc.Testing.Management;

/// <summary>
/// A loopback stand-in for the management API: scripted answers per connection (then 200), optional latency
/// per request, and a record of every message delivered and of the most posts ever in flight at once.
/// </summary>
public sealed class ManagementApiStub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<StubReply>> scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> delivered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> answered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Handshake> handshakes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private LoopbackHttpServer server = null!;
    private readonly InFlightGauge inFlight = new();

    /// <summary>Added to every answer (an async wait, so the server's threads stay free).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The stage URL the client should use.</summary>
    public Uri StageUri => new(server.BaseAddress, "test");

    /// <summary>The most posts the stub was serving at the same moment.</summary>
    public int MaxInFlight => inFlight.Most;

    /// <summary>Posts received in total, answered or not.</summary>
    public int TotalAttempts => attempts.Values.Sum();

    /// <summary>Starts the stub on a free loopback port.</summary>
    public static async Task<ManagementApiStub> StartAsync()
    {
        var stub = new ManagementApiStub();
        stub.server = await LoopbackHttpServer.StartAsync(stub.HandleAsync);
        return stub;
    }

    /// <summary>The next posts to <paramref name="connectionId"/> get these answers, in order; later ones get 200.</summary>
    public void Script(string connectionId, params StubReply[] replies) =>
        scripts[connectionId] = new ConcurrentQueue<StubReply>(replies);

    /// <summary>
    /// <paramref name="connectionId"/>'s <c>$connect</c> has stored its row but its handshake has not completed: as
    /// API Gateway does, every post to it is answered 410 GoneException until <see cref="CompleteHandshake"/>.
    /// </summary>
    public void BeginHandshake(string connectionId) => handshakes[connectionId] = new Handshake();

    /// <summary>Completes <paramref name="connectionId"/>'s handshake: later posts are answered as scripted (else 200).</summary>
    public void CompleteHandshake(string connectionId) => handshakes[connectionId].Complete();

    /// <summary>Completes once the stub has refused <paramref name="posts"/> posts to the opening <paramref name="connectionId"/>.</summary>
    public Task RefusedAsync(string connectionId, int posts) => handshakes[connectionId].RefusedAsync(posts);

    /// <summary>Every message answered with 2xx for <paramref name="connectionId"/>.</summary>
    public IReadOnlyList<byte[]> MessagesFor(string connectionId) =>
        delivered.TryGetValue(connectionId, out var messages) ? [.. messages] : [];

    /// <summary>
    /// Every 2xx answer for <paramref name="connectionId"/>, in order: <c>POST {body}</c> for a post,
    /// <c>DELETE</c> for a DeleteConnection.
    /// </summary>
    public IReadOnlyList<string> AnsweredFor(string connectionId) =>
        answered.TryGetValue(connectionId, out var calls) ? [.. calls] : [];

    /// <summary>Requests (posts and deletes) received for <paramref name="connectionId"/>.</summary>
    public int AttemptsFor(string connectionId) => attempts.GetValueOrDefault(connectionId);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await server.DisposeAsync();
        stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var flight = inFlight.Enter();
        try
        {
            var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            var connectionId = Uri.UnescapeDataString(rawTarget[(rawTarget.LastIndexOf('/') + 1)..]);
            attempts.AddOrUpdate(connectionId, 1, (_, count) => count + 1);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);

            var reply = handshakes.TryGetValue(connectionId, out var handshake) && handshake.Refuse()
                ? StubReply.Gone
                : scripts.TryGetValue(connectionId, out var script) && script.TryDequeue(out var next) ? next : StubReply.Ok;
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
            if (reply.Hang)
            {
                await WaitForCancellationAsync(abandon.Token);
                return;
            }

            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, abandon.Token);
            }

            if (reply.Status is >= 200 and < 300)
            {
                reply = context.Request.Method == HttpMethods.Delete && reply.Status == 200 ? reply with { Status = 204 } : reply;
                var method = context.Request.Method;
                if (method == HttpMethods.Post)
                {
                    delivered.GetOrAdd(connectionId, _ => new ConcurrentQueue<byte[]>()).Enqueue(body.ToArray());
                }

                answered.GetOrAdd(connectionId, _ => new ConcurrentQueue<string>())
                    .Enqueue(method == HttpMethods.Post ? $"POST {System.Text.Encoding.UTF8.GetString(body.ToArray())}" : method);
            }

            context.Response.StatusCode = reply.Status;
            if (reply.ErrorType is not null)
            {
                context.Response.Headers["x-amzn-ErrorType"] = reply.ErrorType;
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or the stub is stopping: nothing to answer.
        }
    }

    /// <summary>A connection's handshake: open or not, and the posts refused while it was not.</summary>
    private sealed class Handshake
    {
        private readonly Lock gate = new();
        private readonly List<(int Posts, TaskCompletionSource Reached)> waiters = [];
        private bool complete;
        private int refused;

        public void Complete()
        {
            lock (gate)
            {
                complete = true;
            }
        }

        /// <summary>Whether to refuse this post (counted), or answer it as an open connection.</summary>
        public bool Refuse()
        {
            lock (gate)
            {
                if (complete)
                {
                    return false;
                }

                refused++;
                foreach (var waiter in waiters.Where(waiter => waiter.Posts <= refused))
                {
                    waiter.Reached.TrySetResult();
                }

                return true;
            }
        }

        public Task RefusedAsync(int posts)
        {
            lock (gate)
            {
                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (refused >= posts)
                {
                    reached.SetResult();
                }
                else
                {
                    waiters.Add((posts, reached));
                }

                return reached.Task;
            }
        }
    }

    private static async Task WaitForCancellationAsync(CancellationToken token)
    {
        var cancelled = new TaskCompletionSource();
        await using (token.Register(cancelled.SetResult))
        {
            await cancelled.Task;
        }
    }
}
