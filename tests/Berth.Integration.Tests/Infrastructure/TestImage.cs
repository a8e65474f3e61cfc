using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Oci;
using Berth.Testing;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>
/// Builds small OCI images locally (from Debian's busybox-static, no internet) as an OCI layout and pushes them to a
/// registry with skopeo.
/// </summary>
public static class TestImage
{
    /// <summary>
    /// A file in a layer: no content = folder, Link = symlink target, HardLink = an earlier path of the same layer;
    /// OCI whiteouts are plain files named .wh.&lt;name&gt; (or .wh..wh..opq for an opaque folder).
    /// </summary>
    public sealed record Entry(string Path, byte[]? Content = null, string? Link = null, UnixFileMode Mode = (UnixFileMode)0b111_101_101)
    {
        public int Uid { get; init; }

        public int Gid { get; init; }

        public string? HardLink { get; init; }

        public IReadOnlyDictionary<string, string>? Xattrs { get; init; }
    }

    /// <summary>A layer holding busybox and the usual folders.</summary>
    public static IReadOnlyList<Entry> BusyboxLayer()
    {
        var entries = new List<Entry>
        {
            new("bin/"), new("etc/"), new("tmp/", Mode: (UnixFileMode)0b1_111_111_111), new("proc/"), new("sys/"), new("dev/"),
            new("bin/busybox", File.ReadAllBytes("/bin/busybox")),
            new("etc/hostname", "berth-test\n"u8.ToArray(), Mode: (UnixFileMode)0b110_100_100),
        };
        entries.AddRange(new[] { "sh", "echo", "true", "false", "ls", "cat", "sleep", "id", "env" }.Select(n => new Entry($"bin/{n}", Link: "busybox")));
        return entries;
    }

    /// <summary>Pushes an image made of the given layers (gzip) to registry/repository:tag; returns the manifest digest.</summary>
    public static async Task<Digest> PushAsync(string registryHost, string repository, string tag, params IReadOnlyList<Entry>[] layers)
    {
        using var layout = new TempDirectory("oci");
        Directory.CreateDirectory(layout.Combine("blobs", "sha256"));
        var layerDescriptors = new JsonArray();
        var diffIds = new JsonArray();
        foreach (var layer in layers)
        {
            var (tar, gz) = BuildLayer(layer);
            diffIds.Add(Digest.Sha256(tar).ToString());
            layerDescriptors.Add(Descriptor(MediaTypes.OciLayerGzip, WriteBlob(layout, gz), gz.Length));
        }

        var config = new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = new JsonObject { ["Cmd"] = new JsonArray("sh"), ["Env"] = new JsonArray("PATH=/bin") },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        };
        byte[] configBytes = Encoding.UTF8.GetBytes(config.ToJsonString());
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
            ["config"] = Descriptor(MediaTypes.OciConfig, WriteBlob(layout, configBytes), configBytes.Length),
            ["layers"] = layerDescriptors,
        };
        byte[] manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var manifestDigest = WriteBlob(layout, manifestBytes);
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(Descriptor(MediaTypes.OciManifest, manifestDigest, manifestBytes.Length,
                new JsonObject { ["org.opencontainers.image.ref.name"] = tag })),
        };
        await File.WriteAllTextAsync(layout.Combine("index.json"), index.ToJsonString());
        await File.WriteAllTextAsync(layout.Combine("oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        (await ProcessRunner.RunAsync("/usr/bin/skopeo",
            ["copy", "--quiet", "--dest-tls-verify=false", $"oci:{layout.Path}:{tag}", $"docker://{registryHost}/{repository}:{tag}"]))
            .EnsureSuccess("skopeo copy");
        return manifestDigest;
    }

    private static (byte[] Tar, byte[] Gzip) BuildLayer(IReadOnlyList<Entry> entries)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var e in entries)
            {
                var type = e.HardLink is not null ? TarEntryType.HardLink
                    : e.Link is not null ? TarEntryType.SymbolicLink
                    : e.Content is null ? TarEntryType.Directory
                    : TarEntryType.RegularFile;
                var pax = (e.Xattrs ?? new Dictionary<string, string>()).ToDictionary(x => "SCHILY.xattr." + x.Key, x => x.Value);
                var entry = new PaxTarEntry(type, e.Path, pax)
                {
                    Mode = e.Mode,
                    Uid = e.Uid,
                    Gid = e.Gid,
                    ModificationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                };
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

        using var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar.GetBuffer(), 0, (int)tar.Length);
        }

        return (tar.ToArray(), gz.ToArray());
    }

    private static Digest WriteBlob(TempDirectory layout, byte[] bytes)
    {
        var digest = Digest.Sha256(bytes);
        File.WriteAllBytes(layout.Combine("blobs", "sha256", digest.Encoded), bytes);
        return digest;
    }

    private static JsonObject Descriptor(string mediaType, Digest digest, long size, JsonObject? annotations = null)
    {
        var descriptor = new JsonObject { ["mediaType"] = mediaType, ["digest"] = digest.ToString(), ["size"] = size };
        if (annotations is not null)
        {
            descriptor["annotations"] = annotations;
        }

        return descriptor;
    }
}
