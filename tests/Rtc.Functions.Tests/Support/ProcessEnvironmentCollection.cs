namespace Rtc.Functions.Tests.Support;

/// <summary>
/// Test classes that set variables of this process's environment. They run on their own, after the parallel
/// collections, so no other test sees their settings; each puts back what it changed.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "process environment";
}
