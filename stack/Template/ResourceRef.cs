namespace Rtc.Stack.Template;

/// <summary>A declared resource: its logical name and interpolations of its outputs.</summary>
/// <param name="LogicalName">The resource's key under <c>resources:</c>.</param>
internal sealed record ResourceRef(string LogicalName)
{
    /// <summary><c>${name.output}</c>.</summary>
    public string Output(string output) => Fn.Ref(LogicalName, output);

    public string Arn => Output("arn");

    public string Name => Output("name");

    public string Id => Output("id");
}
