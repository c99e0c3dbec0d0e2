using Rtc.Stack.Configuration;

namespace Rtc.Stack.Packaging;

/// <summary>What Lambda runs for one packaging and architecture: the runtime, the handler and the zip the packager writes.</summary>
/// <param name="Runtime">The Lambda runtime.</param>
/// <param name="Handler">The handler setting.</param>
/// <param name="ZipPath">The deployment package, relative to the project directory (as the template names it).</param>
internal sealed record FunctionCode(string Runtime, string Handler, string ZipPath)
{
    /// <summary>The functions project, relative to the project directory.</summary>
    public const string FunctionsProject = "functions/Rtc.Functions/Rtc.Functions.csproj";

    /// <summary>The executable the functions project compiles to (its assembly name).</summary>
    public const string AssemblyName = "Rtc.Functions";

    /// <summary>The file <c>provided.al2023</c> runs: the root of the zip must hold an executable of this name.</summary>
    public const string Bootstrap = "bootstrap";

    /// <summary>The artifact directory of a packaging and architecture, relative to the project directory.</summary>
    public static string ArtifactDirectory(FunctionPackaging packaging, string architecture) =>
        $"artifacts/functions/{ConfigValue(packaging)}-{architecture}";

    public static FunctionCode For(FunctionPackaging packaging, string architecture)
    {
        var zip = ArtifactDirectory(packaging, architecture) + "/function.zip";
        return packaging switch
        {
            FunctionPackaging.Aot => new FunctionCode("provided.al2023", Bootstrap, zip),
            // The executable-assembly handler: the runtime runs `dotnet exec Rtc.Functions.dll`, whose Main runs the Runtime API loop.
            _ => new FunctionCode("dotnet10", AssemblyName, zip),
        };
    }

    /// <summary>The config value that selects <paramref name="packaging"/>: <c>aot</c> or <c>managed</c>.</summary>
    public static string ConfigValue(FunctionPackaging packaging) => ProjectConfig.FunctionPackaging.WordOf(packaging);
}
