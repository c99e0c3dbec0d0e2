namespace Rtc.Functions.Tests.Authorization;

/// <summary>An issuer's JWKS endpoint on loopback that counts how often it is fetched.</summary>
internal sealed class JwksServer : IAsyncDisposable
{
    private readonly LoopbackHttpServer server;
    private volatile string document;
    private int fetches;

    private JwksServer(LoopbackHttpServer server, string document)
    {
        this.server = server;
        this.document = document;
    }

    public Uri Url => new(server.BaseAddress, ".well-known/jwks.json");

    public int Fetches => Volatile.Read(ref fetches);

    public static async Task<JwksServer> StartAsync(string document)
    {
        JwksServer? jwks = null;
        var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref jwks!.fetches);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(jwks.document);
        });
        jwks = new JwksServer(server, document);
        return jwks;
    }

    /// <summary>Serves <paramref name="newDocument"/> from now on, as an issuer does after rotating keys.</summary>
    public void Publish(string newDocument) => document = newDocument;

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
