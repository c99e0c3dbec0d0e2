using System.IO.Compression;
using Rtc.Stack.Packaging;

namespace Rtc.Benchmarks.ColdStart;

/// <summary>A deployment zip the packager wrote, extracted as Lambda extracts it into the task root (modes included).</summary>
/// <param name="Packaging">Which packaging it is.</param>
/// <param name="Code">The runtime and handler the stack deploys it with.</param>
/// <param name="TaskRoot">The folder it was extracted into (Lambda's <c>/var/task</c>).</param>
/// <param name="ZipBytes">The zip's size, what Lambda downloads.</param>
/// <param name="UnzippedBytes">The extracted files' size, what counts against Lambda's 250 MB limit.</param>
internal sealed record ExtractedPackage(FunctionPackaging Packaging, FunctionCode Code, string TaskRoot, long ZipBytes, long UnzippedBytes)
{
    /// <summary>Extracts <paramref name="package"/> into a folder of its own under <paramref name="folder"/>.</summary>
    public static ExtractedPackage Extract(FunctionPackaging packaging, FunctionCode code, FunctionPackage package, string folder)
    {
        var taskRoot = Path.Combine(folder, FunctionCode.ConfigValue(packaging));
        ZipFile.ExtractToDirectory(package.ZipPath, taskRoot);
        using var zip = ZipFile.OpenRead(package.ZipPath);
        return new ExtractedPackage(packaging, code, taskRoot, new FileInfo(package.ZipPath).Length, zip.Entries.Sum(entry => entry.Length));
    }

    /// <summary>The packaging, runtime and handler, e.g. <c>aot (provided.al2023, bootstrap)</c>.</summary>
    public string Label => $"{FunctionCode.ConfigValue(Packaging)} ({Code.Runtime}, {Code.Handler})";

    /// <summary>
    /// What the runtime starts: <c>provided.al2023</c> runs the handler file (<c>bootstrap</c>) itself; <c>dotnet10</c>
    /// runs an executable-assembly handler as <c>dotnet exec {handler}.dll</c>.
    /// </summary>
    public (string FileName, string[] Arguments) Command => Packaging == FunctionPackaging.Aot
        ? (Path.Combine(TaskRoot, Code.Handler), [])
        : ("dotnet", ["exec", Path.Combine(TaskRoot, Code.Handler + ".dll")]);
}
