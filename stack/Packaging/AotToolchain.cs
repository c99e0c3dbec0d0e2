using System.Runtime.InteropServices;
using Rtc.Stack.Configuration;

namespace Rtc.Stack.Packaging;

/// <summary>
/// What a Native AOT publish of the Linux <c>bootstrap</c> needs on this machine, checked before publishing so a
/// missing piece fails the compile with a message that names it and the managed alternative. Native AOT does not
/// cross-compile between operating systems, and linking for the other architecture takes clang, lld and that
/// architecture's binutils and C library. The packaging never changes by itself: what is deployed must not depend
/// on whose machine ran <c>pulumi up</c>.
/// </summary>
/// <param name="operatingSystem">The machine's operating system, as messages name it (<c>Linux</c>, <c>macOS</c>, ...).</param>
/// <param name="processor">The machine's processor architecture.</param>
/// <param name="commandExists">Whether a command is on <c>PATH</c>.</param>
/// <param name="pathExists">Whether a file or directory exists.</param>
internal sealed class AotToolchain(string operatingSystem, Architecture processor, Func<string, bool> commandExists, Func<string, bool> pathExists)
{
    /// <summary>What to run instead when AOT cannot be built here.</summary>
    public static readonly string ManagedAlternative =
        $"pulumi config set {ProjectConfig.ProjectName}:{ProjectConfig.FunctionPackaging.Name} {FunctionCode.ConfigValue(FunctionPackaging.Managed)}";

    public static AotToolchain Host { get; } = new(HostOperatingSystem(), RuntimeInformation.OSArchitecture, OnPath,
        path => File.Exists(path) || Directory.Exists(path));

    /// <summary>The publish properties that link for <paramref name="target"/> from this machine (none for a native build).</summary>
    public IReadOnlyList<string> PublishProperties(LambdaArchitecture target) => IsCross(target)
        ? ["-p:LinkerFlavor=lld", $"-p:ObjCopyName={target.GnuTriple}-objcopy"]
        : [];

    /// <summary>Fails unless this machine can publish the <c>bootstrap</c> for <paramref name="target"/>.</summary>
    /// <exception cref="InvalidOperationException">What is missing, how to install it, and the managed alternative.</exception>
    public void EnsureCanBuild(LambdaArchitecture target)
    {
        var packaging = $"{ProjectConfig.FunctionPackaging.Name} '{FunctionCode.ConfigValue(FunctionPackaging.Aot)}'";
        if (operatingSystem != "Linux")
        {
            throw new InvalidOperationException(
                $"{packaging} cannot be built on {operatingSystem}: Native AOT does not cross-compile between operating systems, " +
                $"and Lambda runs a Linux {FunctionCode.Bootstrap}. Deploy from Linux (as CI does), or deploy this stack on the " +
                $"managed runtime instead: {ManagedAlternative}");
        }

        var (missing, packages) = IsCross(target) ? MissingForCross(target) : MissingForNative();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{packaging} cannot build the {target.Name} {FunctionCode.Bootstrap} on this {processor.ToString().ToLowerInvariant()} " +
                $"machine: missing {string.Join(", ", missing)}. On Debian or Ubuntu: sudo apt-get install {packages}. " +
                $"Or deploy this stack on the managed runtime instead: {ManagedAlternative}");
        }
    }

    private bool IsCross(LambdaArchitecture target) => processor != target.Processor;

    private (List<string> Missing, string Packages) MissingForNative()
    {
        var missing = new List<string>();
        // The SDK links with clang, or gcc when clang is missing, and strips symbols with objcopy.
        if (!commandExists("clang") && !commandExists("gcc"))
        {
            missing.Add("a C compiler and linker (clang or gcc)");
        }

        if (!commandExists("objcopy") && !commandExists("llvm-objcopy"))
        {
            missing.Add("objcopy");
        }

        return (missing, "clang binutils");
    }

    private (List<string> Missing, string Packages) MissingForCross(LambdaArchitecture target)
    {
        var missing = new List<string>();
        foreach (var command in (string[])["clang", "ld.lld", $"{target.GnuTriple}-objcopy"])
        {
            if (!commandExists(command))
            {
                missing.Add(command);
            }
        }

        // clang finds the target's C library and GCC runtime (crtbegin.o, libgcc) by the triple in these places.
        if (!pathExists($"/usr/{target.GnuTriple}/lib/crt1.o"))
        {
            missing.Add($"the {target.GnuTriple} C library (/usr/{target.GnuTriple}/lib)");
        }

        if (!pathExists($"/usr/lib/gcc-cross/{target.GnuTriple}"))
        {
            missing.Add($"the {target.GnuTriple} GCC runtime (/usr/lib/gcc-cross/{target.GnuTriple})");
        }

        return (missing, target.CrossPackages);
    }

    private static string HostOperatingSystem() =>
        OperatingSystem.IsLinux() ? "Linux"
        : OperatingSystem.IsMacOS() ? "macOS"
        : OperatingSystem.IsWindows() ? "Windows"
        : RuntimeInformation.OSDescription;

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, command)));
}
