using System.Buffers.Binary;
using System.Text;

namespace Rtc.Stack.Tests.Support;

/// <summary>
/// What the dynamic loader will ask of a 64-bit little-endian ELF executable, read from its bytes: the machine it is
/// for, the libraries it needs (<c>DT_NEEDED</c>) and the symbol versions it needs from each (<c>.gnu.version_r</c>).
/// </summary>
internal sealed class ElfFile
{
    /// <summary><c>e_machine</c> of x86-64.</summary>
    public const ushort MachineX86_64 = 62;

    /// <summary><c>e_machine</c> of AArch64.</summary>
    public const ushort MachineAArch64 = 183;

    private const uint SectionDynamic = 6;
    private const uint SectionVersionNeeds = 0x6ffffffe;
    private const long TagNeeded = 1;

    private readonly byte[] bytes;

    /// <summary>Reads <paramref name="bytes"/>; fails unless they are a 64-bit little-endian ELF file.</summary>
    public ElfFile(byte[] bytes)
    {
        // The magic \x7FELF, then EI_CLASS 2 (64-bit) and EI_DATA 1 (little-endian).
        if (bytes.Length < 64 || !bytes.AsSpan(0, 6).SequenceEqual((byte[])[0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1]))
        {
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        }

        this.bytes = bytes;
        Machine = U16(18);
        var sections = Sections().ToList();
        foreach (var section in sections.Where(section => section.Type == SectionDynamic))
        {
            var strings = sections[(int)section.Link];
            for (var entry = section.Offset; entry + 16 <= section.Offset + section.Size; entry += 16)
            {
                if (I64(entry) == TagNeeded)
                {
                    NeededLibraries.Add(String(strings, U64(entry + 8)));
                }
            }
        }

        foreach (var section in sections.Where(section => section.Type == SectionVersionNeeds))
        {
            var strings = sections[(int)section.Link];
            // Elf64_Verneed { vn_version, vn_cnt, vn_file, vn_aux, vn_next } and Elf64_Vernaux { hash, flags, other, vna_name, vna_next }.
            for (long need = section.Offset, next = -1; next != 0; need += next)
            {
                var file = String(strings, U32(need + 4));
                var versions = new List<string>();
                for (long aux = need + U32(need + 8), auxNext = -1; auxNext != 0; aux += auxNext)
                {
                    versions.Add(String(strings, U32(aux + 8)));
                    auxNext = U32(aux + 12);
                }

                NeededVersions[file] = versions;
                next = U32(need + 12);
            }
        }
    }

    /// <summary><c>e_machine</c>.</summary>
    public ushort Machine { get; }

    /// <summary>The shared libraries the executable names (<c>DT_NEEDED</c>).</summary>
    public List<string> NeededLibraries { get; } = [];

    /// <summary>For each library, the symbol versions needed from it, e.g. <c>libc.so.6</c> → <c>GLIBC_2.34</c>.</summary>
    public Dictionary<string, List<string>> NeededVersions { get; } = [];

    private IEnumerable<(uint Type, long Offset, long Size, uint Link)> Sections()
    {
        var table = (long)U64(0x28);
        var entrySize = U16(0x3A);
        for (var index = 0; index < U16(0x3C); index++)
        {
            var header = table + (index * entrySize);
            yield return (U32(header + 4), (long)U64(header + 0x18), (long)U64(header + 0x20), U32(header + 0x28));
        }
    }

    private string String((uint Type, long Offset, long Size, uint Link) table, ulong offset)
    {
        var start = (int)(table.Offset + (long)offset);
        return Encoding.ASCII.GetString(bytes, start, Array.IndexOf(bytes, (byte)0, start) - start);
    }

    private ushort U16(long offset) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan((int)offset));

    private uint U32(long offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)offset));

    private ulong U64(long offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)offset));

    private long I64(long offset) => BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan((int)offset));
}
