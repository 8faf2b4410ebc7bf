using System.Formats.Tar;
using System.IO.Compression;

namespace Fabric.Admin.Packaging;

/// <summary>
/// Gzipped tar archives whose bytes depend only on the files' names and contents, so that the same inputs give the
/// same package ID: ustar entries (no pax timestamps), mtime 0, owner 0:0 without names, mode 0644, entries in the
/// order given; gzip header with mtime 0 and the OS byte fixed to Unix.
/// </summary>
internal static class DeterministicArchive
{
    private const int GzipOsByteOffset = 9;
    private const byte GzipOsUnix = 3;

    public static byte[] Create(IReadOnlyList<(string Name, byte[] Content)> files)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    Uid = 0,
                    Gid = 0,
                    UserName = string.Empty,
                    GroupName = string.Empty,
                    DataStream = new MemoryStream(content, writable: false),
                };
                writer.WriteEntry(entry);
            }
        }

        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            tar.Position = 0;
            tar.CopyTo(gzip);
        }

        var bytes = compressed.ToArray();
        // zlib writes the OS it was built for (Unix, NTFS, ...) into the header; fix it so that Windows and Linux agree.
        // The header has no CRC of its own (FHCRC is never set by zlib), so patching the byte keeps the file valid.
        bytes[GzipOsByteOffset] = GzipOsUnix;
        return bytes;
    }

    /// <summary>The regular files at the top of a gzipped tar, by name (what Fabric's package parser reads).</summary>
    /// <exception cref="InvalidDataException">Not a gzipped tar, or an entry that is not a regular file (Fabric rejects those).</exception>
    public static IReadOnlyDictionary<string, byte[]> Read(byte[] archive)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var gzip = new GZipStream(new MemoryStream(archive, writable: false), CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    throw new InvalidDataException($"tar entry {entry.Name} is not a regular file (type {entry.EntryType}); Fabric rejects such packages");
                }

                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                files[entry.Name] = content.ToArray();
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new InvalidDataException($"not a gzipped tar archive: {e.Message}", e);
        }

        return files;
    }
}
