using System.IO.Compression;

namespace Rtc.Stack.Packaging;

/// <summary>
/// Writes a zip whose bytes depend only on its entries' names, contents and modes: entries sorted by name, one fixed
/// timestamp, and the Unix mode of each file in its external attributes. The same sources therefore give the same
/// package in any checkout folder, and <c>pulumi preview</c> shows no code change when nothing changed.
/// </summary>
internal static class DeterministicZip
{
    /// <summary><c>rwxr-xr-x</c> (0755): <c>provided.al2023</c> runs <c>bootstrap</c> only when the zip marks it executable;
    /// otherwise the function's init fails with <c>Runtime.InvalidEntrypoint</c>.</summary>
    public const int ExecutableMode = 0b111_101_101;

    /// <summary><c>rw-r--r--</c> (0644): a file that is only read.</summary>
    public const int ReadableMode = 0b110_100_100;

    /// <summary>Every entry's timestamp: the earliest a zip's DOS date field holds, so no build time leaks into the bytes.</summary>
    public static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // S_IFREG (0100000): the entry is a regular file. Unix tools and Lambda read the mode from the high 16 bits.
    private const int RegularFile = 0x8000;

    /// <summary>Writes <paramref name="zipPath"/> (replacing it whole) from files on disk.</summary>
    /// <param name="zipPath">The zip to write.</param>
    /// <param name="entries">Each entry's name in the zip (<c>/</c>-separated), the file it copies and its Unix mode.</param>
    public static void Write(string zipPath, IEnumerable<(string Name, string Source, int Mode)> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(zipPath)!);
        // Written aside and moved into place: an interrupted write never leaves a truncated package behind.
        var partial = zipPath + ".partial";
        using (var archive = new ZipArchive(File.Create(partial), ZipArchiveMode.Create))
        {
            foreach (var (name, source, mode) in entries.OrderBy(entry => entry.Name, StringComparer.Ordinal))
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTime;
                entry.ExternalAttributes = (RegularFile | mode) << 16;
                using var input = File.OpenRead(source);
                using var output = entry.Open();
                input.CopyTo(output);
            }
        }

        File.Move(partial, zipPath, overwrite: true);
    }
}
