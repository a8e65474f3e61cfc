using System.Formats.Tar;
using System.Runtime.Versioning;
using Berth.Core.Content;
using Berth.Core.Images;
using Berth.Core.Metadata;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Archive;
using Berth.Remotes.Tests.Pull;
using Berth.Testing;

namespace Berth.Remotes.Tests.Archive;

/// <summary>The daemon's real storage in a temporary folder and <see cref="ImageArchives"/> over it (native snapshotter: no mounts).</summary>
[SupportedOSPlatform("linux")]
internal sealed class ArchiveFixture : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private ArchiveFixture(TempDirectory directory, StorageStack storage)
    {
        _directory = directory;
        Storage = storage;
        Archives = new ImageArchives(storage.Metadata, StorageStack.Native);
    }

    public StorageStack Storage { get; }

    public ImageArchives Archives { get; }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public INamespaceScope Scope(string @namespace) => Storage.Metadata.ForNamespace(@namespace);

    public static async Task<ArchiveFixture> CreateAsync()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "needs root: unpacking sets owners and makes whiteout devices");
        var directory = new TempDirectory("archive");
        try
        {
            return new ArchiveFixture(directory, await StorageStack.OpenAsync(directory.Combine("root"), Token));
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Writes an image's blobs into a namespace and names it, as a pull without unpacking leaves it.</summary>
    public async Task SeedAsync(string @namespace, TestImage image, params string[] names)
    {
        var scope = Scope(@namespace);
        foreach (var (digest, bytes) in image.Blobs)
        {
            try
            {
                var writer = await scope.Content.OpenWriterAsync(new ContentWriterOptions("seed-" + digest) { ExpectedDigest = digest }, Token);
                await using (writer)
                {
                    await writer.WriteAsync(bytes, Token);
                    await writer.CommitAsync(bytes.Length, digest, null, Token);
                }
            }
            catch (Core.Errors.AlreadyExistsException)
            {
            }
        }

        foreach (string name in names)
        {
            await scope.Images.CreateAsync(new Image(name, image.Root), Token);
        }
    }

    public async Task<byte[]> ExportAsync(string @namespace, ImageExportRequest request)
    {
        var output = new MemoryStream();
        await Archives.ExportAsync(Scope(@namespace), request, output, Token);
        return output.ToArray();
    }

    public async Task<List<TransferProgress>> ImportAsync(string @namespace, byte[] archive, ImageImportRequest? request = null)
    {
        var items = new List<TransferProgress>();
        await foreach (var item in Archives.ImportAsync(Scope(@namespace), request ?? new ImageImportRequest(ImportKind.Archive), new MemoryStream(archive), Token))
        {
            items.Add(item);
        }

        return items;
    }

    public async Task<List<Image>> ImagesAsync(string @namespace)
    {
        var images = new List<Image>();
        await foreach (var image in Scope(@namespace).Images.ListAsync(cancellationToken: Token))
        {
            images.Add(image);
        }

        return images;
    }

    public async Task<List<ContentInfo>> ContentAsync(string @namespace)
    {
        var blobs = new List<ContentInfo>();
        await foreach (var blob in Scope(@namespace).Content.WalkAsync(cancellationToken: Token))
        {
            blobs.Add(blob);
        }

        return blobs;
    }

    /// <summary>Every entry of a tar archive: name, and content for regular files.</summary>
    public static List<(string Name, TarEntryType Type, byte[] Content)> Entries(byte[] archive)
    {
        var entries = new List<(string, TarEntryType, byte[])>();
        using var reader = new TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries.Add((entry.Name, entry.EntryType, content.ToArray()));
        }

        return entries;
    }

    /// <summary>A tar archive of the given files (null content: a symlink to <c>Link</c>).</summary>
    public static byte[] Tar(params (string Name, byte[]? Content, string? Link)[] files)
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content, link) in files)
            {
                var entry = content is null ? new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = link! } : new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(content),
                };
                writer.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    public static string Blob(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Encoded}";

    public async ValueTask DisposeAsync()
    {
        await Storage.DisposeAsync();
        _directory.Dispose();
    }
}
