using System.Buffers.Binary;

namespace Fabric.DevNetwork.Storage;

/// <summary>
/// An append-only file of length-prefixed records (4-byte big-endian length, then the bytes), flushed to disk on every
/// append. A record cut short by a crash is dropped (and the file truncated to the last whole record) when opened.
/// </summary>
internal sealed class RecordFile : IDisposable
{
    private readonly FileStream _stream;

    private RecordFile(FileStream stream) => _stream = stream;

    /// <summary>Opens (or creates) the file and returns the complete records it holds.</summary>
    public static RecordFile Open(string path, out List<byte[]> records)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        records = [];
        var header = new byte[4];
        long validLength = 0;
        while (true)
        {
            if (stream.Read(header, 0, 4) < 4)
            {
                break;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(header);
            if (length < 0 || validLength + 4 + length > stream.Length)
            {
                break;
            }

            var record = new byte[length];
            stream.ReadExactly(record);
            records.Add(record);
            validLength += 4 + length;
        }

        if (stream.Length != validLength)
        {
            stream.SetLength(validLength);
        }

        stream.Position = validLength;
        return new RecordFile(stream);
    }

    /// <summary>
    /// Replaces the file at <paramref name="path"/> by one holding exactly <paramref name="records"/>: written and flushed
    /// under a temporary name, then renamed over the old file, so a crash leaves either the old or the new file whole.
    /// Returns the new file opened for appends. The caller must have disposed its handle on the old file.
    /// </summary>
    public static RecordFile Replace(string path, IEnumerable<byte[]> records)
    {
        var temporary = path + ".tmp";
        using (var replacement = Open(temporary, out _))
        {
            replacement._stream.SetLength(0);
            foreach (var record in records)
            {
                replacement.Append(record);
            }
        }

        File.Move(temporary, path, overwrite: true);
        return Open(path, out _);
    }

    public void Append(ReadOnlySpan<byte> record)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, record.Length);
        _stream.Write(header);
        _stream.Write(record);
        _stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _stream.Dispose();
}
