namespace Rtc.Stack.Packaging;

/// <summary>How the functions are compiled and which Lambda runtime runs them (config key <c>functionPackaging</c>).</summary>
internal enum FunctionPackaging
{
    /// <summary>
    /// The default: a Native AOT executable named <c>bootstrap</c> on <c>provided.al2023</c>. Starts in milliseconds
    /// and a third of the memory; needs a Linux machine (and a cross toolchain for another architecture) to build.
    /// </summary>
    Aot,

    /// <summary>ReadyToRun assemblies on the managed <c>dotnet10</c> runtime: builds on any machine with the .NET SDK.</summary>
    Managed,
}
