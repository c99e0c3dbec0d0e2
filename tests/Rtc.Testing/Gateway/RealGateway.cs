using Microsoft.Extensions.DependencyInjection;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;
using Rtc.Local.Configuration;
using Rtc.Local.Hosting;

namespace Rtc.Testing.Gateway;

/// <summary>The gateway with the real functions and management client, exactly as <c>dotnet run --project local</c> wires them.</summary>
public sealed class RealGateway : IAsyncDisposable
{
    private RealGateway(LocalGateway gateway)
    {
        Gateway = gateway;
    }

    public LocalGateway Gateway { get; }

    /// <summary>The store the functions write connections to.</summary>
    public IConnectionStore Store => Gateway.Services.GetRequiredService<IConnectionStore>();

    /// <summary>Starts the gateway with <paramref name="options"/> (a free port unless set); its log goes to <paramref name="log"/>.</summary>
    public static async Task<RealGateway> StartAsync(GatewayOptions? options = null, TextWriter? log = null) =>
        new(await LocalGateway.StartAsync(options ?? TestGateway.Options,
            services => services.AddSingleton(new FunctionLogger(log ?? TextWriter.Null, TimeProvider.System))));

    public async Task<IReadOnlyList<string>> ConnectionsOfAsync(string userId) => await Store.ListConnectionIdsAsync(userId);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Gateway.DisposeAsync();
}
