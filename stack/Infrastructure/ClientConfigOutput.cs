using System.Text.Json;
using System.Text.Json.Nodes;
using Rtc.Contracts;
using Rtc.Stack.Configuration;

namespace Rtc.Stack.Infrastructure;

/// <summary>The <c>clientConfig</c> output: <see cref="ClientConfig"/> for the deployed stage.</summary>
internal static class ClientConfigOutput
{
    public static JsonNode Build(StackSettings settings, string url, string stage, string region) =>
        JsonSerializer.SerializeToNode(
            new ClientConfig(url, stage, region, settings.HeartbeatSeconds, ClientConfig.MaxConnectionSecondsOnAws,
                ClientAuthConfig.For(settings.Auth.Mode, settings.Auth.TokenSource),
                new ClientHistoryConfig(settings.HistoryEnabled, settings.HistorySeconds)),
            ClientConfigJsonContext.Default.ClientConfig)!;
}
