using System.Runtime.InteropServices;

namespace Rtc.Stack.Packaging;

/// <summary>A Lambda architecture and what compiling for it involves.</summary>
/// <param name="Name">Lambda's name for it: <c>x86_64</c> or <c>arm64</c>.</param>
/// <param name="RuntimeIdentifier">The .NET runtime identifier.</param>
/// <param name="Processor">The processor architecture, to tell a native build from a cross build.</param>
/// <param name="GnuTriple">The GNU target triple; cross tools carry it as a prefix (<c>aarch64-linux-gnu-objcopy</c>).</param>
/// <param name="CrossPackages">The Debian/Ubuntu packages that let a machine of the other architecture link for this one.</param>
internal sealed record LambdaArchitecture(string Name, string RuntimeIdentifier, Architecture Processor, string GnuTriple, string CrossPackages)
{
    /// <summary>Intel and AMD processors.</summary>
    public static readonly LambdaArchitecture X86_64 = new("x86_64", "linux-x64", Architecture.X64, "x86_64-linux-gnu",
        "clang lld gcc-x86-64-linux-gnu binutils-x86-64-linux-gnu libc6-dev-amd64-cross");

    /// <summary>Graviton processors.</summary>
    public static readonly LambdaArchitecture Arm64 = new("arm64", "linux-arm64", Architecture.Arm64, "aarch64-linux-gnu",
        "clang lld gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross");

    /// <summary>Every architecture Lambda offers, Lambda's default first.</summary>
    public static readonly IReadOnlyList<LambdaArchitecture> All = [X86_64, Arm64];

    /// <summary>The architecture Lambda calls <paramref name="name"/>.</summary>
    public static LambdaArchitecture Named(string name) =>
        All.FirstOrDefault(architecture => architecture.Name == name)
        ?? throw new ArgumentOutOfRangeException(nameof(name), name, "allowed: " + string.Join(", ", All.Select(architecture => architecture.Name)));
}
