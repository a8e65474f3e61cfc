using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Berth.Storage.Diff.Tar;

namespace Berth.Storage.Tests.Diff;

/// <summary>Builds layer tarballs for tests with System.Formats.Tar (and berth's own writer for binary xattrs).</summary>
internal sealed class LayerBuilder
{
    public static readonly DateTimeOffset Time = new(2021, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private readonly MemoryStream _tar = new();
    private readonly TarWriter _writer;
    private readonly TarEntryFormat _format;

    public LayerBuilder(TarEntryFormat format = TarEntryFormat.Pax)
    {
        _format = format;
        _writer = new TarWriter(_tar, format, leaveOpen: true);
    }

    public LayerBuilder File(string name, string content, int mode = 0x1a4, int uid = 0, int gid = 0, DateTimeOffset? time = null,
        IReadOnlyDictionary<string, string>? xattrs = null) =>
        Add(TarEntryType.RegularFile, name, mode, uid, gid, time, xattrs, entry => entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)));

    public LayerBuilder Folder(string name, int mode = 0x1ed, int uid = 0, int gid = 0, DateTimeOffset? time = null,
        IReadOnlyDictionary<string, string>? xattrs = null) =>
        Add(TarEntryType.Directory, name, mode, uid, gid, time, xattrs, _ => { });

    public LayerBuilder Symlink(string name, string target, int uid = 0, int gid = 0, DateTimeOffset? time = null) =>
        Add(TarEntryType.SymbolicLink, name, 0x1ff, uid, gid, time, null, entry => entry.LinkName = target);

    public LayerBuilder HardLink(string name, string target, int mode = 0x1a4, int uid = 0, int gid = 0) =>
        Add(TarEntryType.HardLink, name, mode, uid, gid, null, null, entry => entry.LinkName = target);

    public LayerBuilder Fifo(string name, int mode = 0x1a4, int uid = 0, int gid = 0) =>
        Add(TarEntryType.Fifo, name, mode, uid, gid, null, null, _ => { });

    public LayerBuilder Device(string name, TarEntryType type, int major, int minor) =>
        Add(type, name, 0x1b6, 0, 0, null, null, entry =>
        {
            ((PosixTarEntry)entry).DeviceMajor = major;
            ((PosixTarEntry)entry).DeviceMinor = minor;
        });

    public LayerBuilder Whiteout(string name) => File(name, string.Empty, mode: 0);

    /// <summary>An entry written by berth's own tar writer, which can carry binary xattr values.</summary>
    public LayerBuilder Raw(LayerTarHeader header, byte[]? content = null)
    {
        new LayerTarWriter(_tar).WriteAsync(header, content is null ? null : new MemoryStream(content), default).GetAwaiter().GetResult();
        return this;
    }

    public byte[] Tar()
    {
        _writer.Dispose();
        return _tar.ToArray();
    }

    public byte[] Gzip() => GzipOf(Tar());

    public byte[] Zstd() => ZstdOf(Tar());

    public static byte[] GzipOf(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] ZstdOf(byte[] data)
    {
        using var compressor = new ZstdSharp.Compressor();
        return compressor.Wrap(data).ToArray();
    }

    private LayerBuilder Add(TarEntryType type, string name, int mode, int uid, int gid, DateTimeOffset? time,
        IReadOnlyDictionary<string, string>? xattrs, Action<TarEntry> configure)
    {
        if (type == TarEntryType.RegularFile && _format == TarEntryFormat.V7)
        {
            type = TarEntryType.V7RegularFile;
        }

        TarEntry entry = _format switch
        {
            TarEntryFormat.Pax => new PaxTarEntry(type, name, (xattrs ?? new Dictionary<string, string>())
                .ToDictionary(x => PaxRecords.SchilyXattr + x.Key, x => x.Value)),
            TarEntryFormat.Gnu => new GnuTarEntry(type, name),
            TarEntryFormat.Ustar => new UstarTarEntry(type, name),
            _ => new V7TarEntry(type, name),
        };
        entry.Mode = (UnixFileMode)mode;
        entry.Uid = uid;
        entry.Gid = gid;
        entry.ModificationTime = time ?? Time;
        configure(entry);
        _writer.WriteEntry(entry);
        return this;
    }
}
