using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Berth.Oci;

namespace Berth.Testing.Registry;

/// <summary>
/// A small OCI image made in memory: one gzip layer holding the given files, its config and its manifest, with
/// descriptors for each, ready to push to a registry.
/// </summary>
public sealed class TestImage
{
    private TestImage(byte[] config, byte[] layer, byte[] manifest, Descriptor configDescriptor, Descriptor layerDescriptor)
    {
        Config = config;
        Layer = layer;
        Manifest = manifest;
        ConfigDescriptor = configDescriptor;
        LayerDescriptor = layerDescriptor;
        ManifestDescriptor = new Descriptor(MediaTypes.OciManifest, Digest.Sha256(manifest), manifest.Length);
    }

    public byte[] Config { get; }

    public byte[] Layer { get; }

    public byte[] Manifest { get; }

    public Descriptor ConfigDescriptor { get; }

    public Descriptor LayerDescriptor { get; }

    public Descriptor ManifestDescriptor { get; }

    /// <summary>The blobs the manifest references, config first.</summary>
    public IReadOnlyList<(Descriptor Descriptor, byte[] Content)> Blobs => [(ConfigDescriptor, Config), (LayerDescriptor, Layer)];

    /// <summary>An image whose one layer holds <paramref name="files"/> (path to text content), for linux/amd64.</summary>
    public static TestImage Create(IReadOnlyDictionary<string, string> files, string architecture = "amd64")
    {
        byte[] tar = Tar(files);
        byte[] layer = Gzip(tar);
        var layerDescriptor = new Descriptor(MediaTypes.OciLayerGzip, Digest.Sha256(layer), layer.Length);
        byte[] config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture,
            os = "linux",
            config = new { },
            rootfs = new { type = "layers", diff_ids = new[] { Digest.Sha256(tar).ToString() } },
        });
        var configDescriptor = new Descriptor(MediaTypes.OciConfig, Digest.Sha256(config), config.Length);
        byte[] manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciManifest,
            config = new { mediaType = configDescriptor.MediaType, digest = configDescriptor.Digest.ToString(), size = configDescriptor.Size },
            layers = new[] { new { mediaType = layerDescriptor.MediaType, digest = layerDescriptor.Digest.ToString(), size = layerDescriptor.Size } },
        });
        return new TestImage(config, layer, manifest, configDescriptor, layerDescriptor);
    }

    private static byte[] Tar(IReadOnlyDictionary<string, string> files)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, path)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                };
                writer.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
