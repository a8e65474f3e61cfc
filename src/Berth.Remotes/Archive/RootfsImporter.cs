using System.Security.Cryptography;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Labels;
using Berth.Core.Metadata;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Oci.Manifests;
using Berth.Remotes.Pull;

namespace Berth.Remotes.Archive;

/// <summary>
/// docker import: a root filesystem tarball becomes a one-layer image. The tarball is stored as it came (plain, gzip or
/// zstd) as the layer blob; unpacking it gives the diff ID; the config records the platform, the changes (-c) and a
/// history entry ("Imported from …", or the message).
/// </summary>
internal sealed class RootfsImporter(INamespaceScope scope, string snapshotter, TimeProvider time)
{
    private const int CopyBufferSize = 256 * 1024;

    public async Task<LoadedImage> ImportAsync(ImageImportRequest request, Stream source, CancellationToken cancellationToken)
    {
        var baseConfig = ImageChanges.Apply(null, request.Changes);
        var (compression, tarball) = await ArchiveCompression.DetectAsync(source, cancellationToken);
        var stored = await StoreAsync(tarball, cancellationToken);
        string mediaType = compression switch
        {
            LayerCompression.Gzip => MediaTypes.OciLayerGzip,
            LayerCompression.Zstd => MediaTypes.OciLayerZstd,
            _ => MediaTypes.OciLayer,
        };
        var layer = new Descriptor(mediaType, stored.Digest, stored.Size);
        var diffId = await UnpackAsync(layer, cancellationToken);
        var now = time.GetUtcNow();
        var platform = request.Platform ?? Platforms.Host;
        var config = new ImageConfig
        {
            Created = now,
            Architecture = platform.Architecture,
            Variant = platform.Variant,
            Os = platform.Os,
            Config = baseConfig,
            RootFs = new RootFs { DiffIds = [diffId] },
            History = [new HistoryEntry { Created = now, Comment = request.Message ?? $"Imported from {request.Source}" }],
        };
        var configDescriptor = await StoreWrites.WriteAsync(scope.Content, MediaTypes.OciConfig, ManifestJson.Serialize(config), cancellationToken);
        var manifest = new ImageManifest { MediaType = MediaTypes.OciManifest, Config = configDescriptor, Layers = [layer] };
        var manifestDescriptor = await StoreWrites.WriteAsync(scope.Content, MediaTypes.OciManifest, ManifestJson.Serialize(manifest), cancellationToken);
        await StoreWrites.LabelAsync(scope.Content, manifestDescriptor.Digest, PullLabels.Children([configDescriptor, layer]), cancellationToken);
        await StoreWrites.LabelAsync(scope.Content, configDescriptor.Digest,
            new Dictionary<string, string> { [PullLabels.SnapshotGcKey(snapshotter)] = diffId.ToString() }, cancellationToken);
        await StoreWrites.LabelAsync(scope.Content, layer.Digest, new Dictionary<string, string> { [LabelSet.Uncompressed] = diffId.ToString() }, cancellationToken);
        return new LoadedImage(manifestDescriptor with { Platform = config.Platform }, manifestDescriptor, manifest, config);
    }

    private async Task<StoredBlob> StoreAsync(Stream tarball, CancellationToken cancellationToken)
    {
        string reference = $"import-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var writer = await scope.Content.OpenWriterAsync(new ContentWriterOptions(reference), cancellationToken);
        bool committed = false;
        try
        {
            await using (writer)
            {
                long size = 0;
                byte[] buffer = new byte[CopyBufferSize];
                for (int read; (read = await tarball.ReadAsync(buffer, cancellationToken)) > 0; size += read)
                {
                    await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                if (size == 0)
                {
                    throw new InvalidArgumentException("the tarball is empty: give a tar archive of a root filesystem");
                }

                var digest = writer.Digest;
                try
                {
                    await writer.CommitAsync(size, digest, null, cancellationToken);
                }
                catch (AlreadyExistsException)
                {
                }

                committed = true;
                return new StoredBlob(digest, size);
            }
        }
        finally
        {
            if (!committed)
            {
                try
                {
                    await scope.Content.AbortAsync(reference, CancellationToken.None);
                }
                catch (BerthException)
                {
                }
            }
        }
    }

    // The diff ID is known only once the layer is unpacked, so the snapshot is named after it at commit.
    private async Task<Digest> UnpackAsync(Descriptor layer, CancellationToken cancellationToken)
    {
        var snapshots = scope.Snapshotter(snapshotter);
        string key = $"extract-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))} import";
        var mounts = await snapshots.PrepareAsync(key, null, null, cancellationToken);
        try
        {
            Digest diffId;
            try
            {
                diffId = (await scope.Diff.ApplyAsync(layer, mounts, null, cancellationToken)).Digest;
            }
            catch (Exception ex) when (ex is InvalidArgumentException or FailedPreconditionException or InvalidDataException or FormatException)
            {
                throw new InvalidArgumentException($"the tarball cannot be unpacked: {ex.Message}; give a tar archive (plain, gzip or zstd) of a root filesystem", ex);
            }

            try
            {
                await snapshots.CommitAsync(diffId.ToString(), key, PullLabels.Snapshot(layer, diffId), cancellationToken);
            }
            catch (AlreadyExistsException)
            {
                await RemoveQuietlyAsync(snapshots, key); // the same root filesystem was imported before
            }

            return diffId;
        }
        catch
        {
            await RemoveQuietlyAsync(snapshots, key);
            throw;
        }
    }

    private static async Task RemoveQuietlyAsync(Core.Snapshots.ISnapshotter snapshots, string key)
    {
        try
        {
            await snapshots.RemoveAsync(key, CancellationToken.None);
        }
        catch (BerthException)
        {
        }
    }
}
