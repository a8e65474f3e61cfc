using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using Berth.Oci;

namespace Berth.Testing.Registry;

/// <summary>
/// A layer made in memory: the tar of its entries (in the given order, PAX, a fixed mtime), compressed with gzip, zstd
/// (Debian's <c>/usr/bin/zstd</c>) or not at all, with its descriptor and diff id.
/// </summary>
public sealed class TestLayer
{
    private static readonly DateTimeOffset ModificationTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private TestLayer(byte[] tar, byte[] blob, string mediaType)
    {
        Tar = tar;
        Blob = blob;
        DiffId = Digest.Sha256(tar);
        Descriptor = new Descriptor(mediaType, Digest.Sha256(blob), blob.Length);
    }

    /// <summary>The uncompressed tar.</summary>
    public byte[] Tar { get; }

    /// <summary>The blob as the registry serves it.</summary>
    public byte[] Blob { get; }

    public Digest DiffId { get; }

    public Descriptor Descriptor { get; }

    public static TestLayer Create(IEnumerable<LayerEntry> entries, LayerCompression compression = LayerCompression.Gzip)
    {
        byte[] tar = BuildTar(entries);
        return compression switch
        {
            LayerCompression.Gzip => new TestLayer(tar, Gzip(tar), MediaTypes.OciLayerGzip),
            LayerCompression.Zstd => new TestLayer(tar, Zstd(tar), MediaTypes.OciLayerZstd),
            LayerCompression.None => new TestLayer(tar, tar, MediaTypes.OciLayer),
            _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "give gzip, zstd or none"),
        };
    }

    /// <summary>A layer of regular files (path to text), mode 0644.</summary>
    public static TestLayer Create(IReadOnlyDictionary<string, string> files, LayerCompression compression = LayerCompression.Gzip)
        => Create(files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => LayerEntry.File(f.Key, f.Value)), compression);

    private static byte[] BuildTar(IEnumerable<LayerEntry> entries)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var e in entries)
            {
                var type = e.HardLink is not null ? TarEntryType.HardLink
                    : e.Link is not null ? TarEntryType.SymbolicLink
                    : e.Content is null ? TarEntryType.Directory
                    : TarEntryType.RegularFile;
                var pax = (e.Xattrs ?? new Dictionary<string, string>()).ToDictionary(x => "SCHILY.xattr." + x.Key, x => x.Value);
                var entry = new PaxTarEntry(type, e.Path, pax) { Mode = e.Mode, Uid = e.Uid, Gid = e.Gid, ModificationTime = ModificationTime };
                if ((e.Link ?? e.HardLink) is { } target)
                {
                    entry.LinkName = target;
                }

                if (e.Content is not null && e.HardLink is null)
                {
                    entry.DataStream = new MemoryStream(e.Content);
                }

                writer.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    // No zstd encoder among the test projects' packages: Debian's zstd tool makes real compressed frames.
    private static byte[] Zstd(byte[] data)
    {
        const string tool = "/usr/bin/zstd";
        if (!System.IO.File.Exists(tool))
        {
            throw new InvalidOperationException($"{tool} is missing: install Debian's zstd package to build zstd layers");
        }

        using var process = Process.Start(new ProcessStartInfo(tool, ["-q", "-c", "-3"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"cannot start {tool}");
        var write = Task.Run(() =>
        {
            process.StandardInput.BaseStream.Write(data);
            process.StandardInput.Close();
        });
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        write.GetAwaiter().GetResult();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.ToArray() : throw new InvalidOperationException($"zstd failed: {process.StandardError.ReadToEnd()}");
    }
}
