using Rtc.Functions.Logging;
using Rtc.Functions.Storage;
using Rtc.Local.Configuration;
using Rtc.Local.Hosting;

namespace Rtc.Local.Tests.Support;

/// <summary>The gateway with the real functions and management client, exactly as <c>dotnet run --project local</c> wires them.</summary>
public sealed class RealGateway : IAsyncDisposable
{
    private readonly RealDependencies dependencies;

    private RealGateway(RealDependencies dependencies, LocalGateway gateway)
    {
        this.dependencies = dependencies;
        Gateway = gateway;
    }

    /// <summary>The running gateway.</summary>
    public LocalGateway Gateway { get; }

    /// <summary>The store the functions write connections to.</summary>
    public IConnectionStore Store => dependencies.Value.Store;

    /// <summary>Starts the gateway with <paramref name="options"/> (a free port unless set).</summary>
    public static async Task<RealGateway> StartAsync(GatewayOptions? options = null, TextWriter? log = null)
    {
        options ??= TestGateway.Options;
        var dependencies = await RealDependencies.CreateAsync(options, new FunctionLogger(log ?? TextWriter.Null, TimeProvider.System));
        return new RealGateway(dependencies, await LocalGateway.StartAsync(options, dependencies.Value));
    }

    /// <summary>The ids of <paramref name="userId"/>'s stored connections.</summary>
    public async Task<IReadOnlyList<string>> ConnectionsOfAsync(string userId) => await Store.ListConnectionIdsAsync(userId);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await dependencies.DisposeAsync();
    }
}
