using System.Text.Json.Nodes;

namespace Rtc.Stack.Infrastructure;

/// <summary>The tags on every taggable resource: project, stack and <c>managed-by: pulumi</c>.</summary>
internal static class Tags
{
    /// <summary>A fresh tag map (each resource owns its node).</summary>
    public static JsonObject Standard() => new()
    {
        ["project"] = "${pulumi.project}",
        ["stack"] = "${pulumi.stack}",
        ["managed-by"] = "pulumi",
    };
}
