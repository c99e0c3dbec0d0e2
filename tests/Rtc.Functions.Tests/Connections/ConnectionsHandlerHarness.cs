using System.Text.Json;
using Rtc.Contracts;
using Rtc.Functions.Connections;
using Rtc.Functions.History;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Tests.Connections;

/// <summary>A connections handler over an in-memory store and a recording management API, with its log captured.</summary>
public sealed class ConnectionsHandlerHarness
{
    private readonly StringWriter log = new();
    private readonly ConnectionsHandler handler;

    /// <summary>A handler with authorisation <paramref name="mode"/>, keeping history in <paramref name="history"/> (null: off).</summary>
    public ConnectionsHandlerHarness(AuthMode mode = AuthMode.None, IHistoryStore? history = null)
    {
        handler = new ConnectionsHandler(
            Store,
            history,
            new Lazy<IManagementApi>(() => Management),
            new ConnectUserResolver(mode),
            TimeProvider.System,
            new FunctionLogger(log, TimeProvider.System));
    }

    /// <summary>The connection table.</summary>
    public RecordingConnectionStore Store { get; } = new();

    /// <summary>What the handler posted to clients.</summary>
    public RecordingManagementApi Management { get; } = new();

    /// <summary>Every log line written so far, parsed.</summary>
    public IReadOnlyList<JsonElement> LogLines =>
        log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

    /// <summary>The raw log text.</summary>
    public string LogText => log.ToString();

    /// <summary>Invokes the handler with <paramref name="eventJson"/> and parses its response.</summary>
    public async Task<WebSocketResponse> InvokeAsync(string eventJson)
    {
        var responseJson = await handler.HandleAsync(eventJson, new InvocationContext("request-1", DateTimeOffset.MaxValue));
        return JsonSerializer.Deserialize(responseJson, ContractsJsonContext.Default.WebSocketResponse)!;
    }
}
