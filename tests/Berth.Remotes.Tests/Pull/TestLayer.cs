using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Berth.Oci;

namespace Berth.Remotes.Tests.Pull;

/// <summary>A layer made in memory: a tar of the given entries, compressed as asked.</summary>
internal sealed record TestLayer(byte[] Blob, string MediaType, Digest DiffId)
{
    public Descriptor Descriptor => new(MediaType, Digest.Sha256(Blob), Blob.Length);

    public static TestLayer Build(LayerCompression compression, params (string Path, string? Content)[] entries)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                var entry = new PaxTarEntry(content is null ? TarEntryType.Directory : TarEntryType.RegularFile, path)
                {
                    Mode = content is null ? (UnixFileMode)0x1ed : (UnixFileMode)0x1a4,
                    ModificationTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
                };
                if (content is not null)
                {
                    entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
                }

                writer.WriteEntry(entry);
            }
        }

        byte[] plain = tar.ToArray();
        return compression switch
        {
            LayerCompression.Gzip => new TestLayer(Gzip(plain), MediaTypes.OciLayerGzip, Digest.Sha256(plain)),
            LayerCompression.Zstd => new TestLayer(new ZstdSharp.Compressor().Wrap(plain).ToArray(), MediaTypes.OciLayerZstd, Digest.Sha256(plain)),
            _ => new TestLayer(plain, MediaTypes.OciLayer, Digest.Sha256(plain)),
        };
    }

    /// <summary>A gzip layer of one file of <paramref name="size"/> random-ish bytes, big enough to be downloaded in many chunks.</summary>
    public static TestLayer Large(string path, int size, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(size);
        while (text.Length < size)
        {
            text.Append((char)('a' + random.Next(26)));
        }

        return Build(LayerCompression.Gzip, (path, text.ToString()));
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
