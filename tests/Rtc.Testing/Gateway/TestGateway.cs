using Microsoft.Extensions.DependencyInjection;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Local.Configuration;
using Rtc.Local.Hosting;

namespace Rtc.Testing.Gateway;

/// <summary>Starts the gateway in-process on a free loopback port with stand-in functions.</summary>
public static class TestGateway
{
    /// <summary>Options for tests: a free port, stage <c>test</c>, signatures checked.</summary>
    public static GatewayOptions Options { get; } = new() { Port = 0, Stage = "test" };

    /// <summary>Starts a gateway whose functions are <paramref name="handlers"/> (by name); the others throw when invoked.</summary>
    public static Task<LocalGateway> StartAsync(GatewayOptions options, IReadOnlyDictionary<string, IInvocationHandler> handlers, TextWriter? log = null) =>
        LocalGateway.StartAsync(options, services =>
        {
            services.AddSingleton(new FunctionLogger(log ?? TextWriter.Null, TimeProvider.System));
            foreach (var name in HandlerNames.All)
            {
                services.AddKeyedSingleton<IInvocationHandler>(name, (_, _) =>
                    handlers.TryGetValue(name, out var handler) ? handler : throw new InvalidOperationException($"No stand-in for {name}."));
            }
        });

    /// <summary>Starts a gateway whose connections function is <paramref name="connections"/>.</summary>
    public static Task<LocalGateway> StartAsync(RecordingConnectionsHandler connections, GatewayOptions? options = null) =>
        StartAsync(options ?? Options, new Dictionary<string, IInvocationHandler> { [HandlerNames.Connections] = connections });
}
