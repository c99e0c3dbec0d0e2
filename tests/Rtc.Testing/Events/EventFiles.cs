using System.Globalization;
using System.Text.Json.Nodes;

namespace Rtc.Testing.Events;

/// <summary>
/// API Gateway WebSocket events in the shape API Gateway sends them, kept as JSON files next to this class, moved
/// in time to a given instant (now by default): the connection row's TTL follows <c>connectedAt</c>, and DynamoDB
/// Local deletes rows whose TTL has passed, so a captured time long gone could lose the row mid-test.
/// </summary>
public static class EventFiles
{
    /// <summary>The event <c>Events/{name}</c>, connected at <paramref name="connectedAt"/> (now when null).</summary>
    public static string Read(string name, DateTimeOffset? connectedAt = null) => ReadWith(name, _ => { }, connectedAt);

    /// <summary>The event <paramref name="name"/>, connected at <paramref name="connectedAt"/> (now when null), after <paramref name="change"/> edited it.</summary>
    public static string ReadWith(string name, Action<JsonObject> change, DateTimeOffset? connectedAt = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Rtc.Testing", "Events", name)))!.AsObject();
        MoveInTime(json["requestContext"]!.AsObject(), connectedAt ?? DateTimeOffset.UtcNow);
        change(json);
        return json.ToJsonString();
    }

    // Every time in the request context moves by the same amount, so the request keeps its distance from the
    // connection as captured.
    private static void MoveInTime(JsonObject context, DateTimeOffset connectedAt)
    {
        var shift = connectedAt.ToUnixTimeMilliseconds() - context["connectedAt"]!.GetValue<long>();
        var requestTime = DateTimeOffset.FromUnixTimeMilliseconds(context["requestTimeEpoch"]!.GetValue<long>() + shift);
        context["connectedAt"] = connectedAt.ToUnixTimeMilliseconds();
        context["requestTimeEpoch"] = requestTime.ToUnixTimeMilliseconds();
        context["requestTime"] = requestTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture);
    }
}
