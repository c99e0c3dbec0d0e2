using System.Text.Json.Nodes;

namespace Rtc.Testing.Events;

/// <summary>API Gateway WebSocket events in the shape API Gateway sends them, kept as JSON files next to this class.</summary>
public static class EventFiles
{
    /// <summary>The text of <c>Events/{name}</c>.</summary>
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Rtc.Testing", "Events", name));

    /// <summary>The event <paramref name="name"/> after <paramref name="change"/> edited it.</summary>
    public static string ReadWith(string name, Action<JsonObject> change)
    {
        var json = JsonNode.Parse(Read(name))!.AsObject();
        change(json);
        return json.ToJsonString();
    }
}
