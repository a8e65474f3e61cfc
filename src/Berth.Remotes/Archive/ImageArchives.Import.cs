using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Metadata;
using Berth.Core.Transfer;
using Berth.Oci;

namespace Berth.Remotes.Archive;

internal sealed partial class ImageArchives
{
    private async Task ImportLeasedAsync(string @namespace, ImageImportRequest request, Stream source, Action<TransferProgress> report,
        CancellationToken cancellationToken)
    {
        string? reference = request.Reference is { } named ? Normalize(named) : null;
        var scope = metadata.ForNamespace(@namespace);
        string leaseId = await CreateLeaseAsync(scope, "import", cancellationToken);
        bool succeeded = false;
        try
        {
            var leased = metadata.ForNamespace(@namespace, leaseId);
            string snapshotter = request.Snapshotter ?? defaultSnapshotter;
            var images = request.Kind == ImportKind.Rootfs
                ? [await ImportRootfsAsync(leased, snapshotter, request, reference, source, cancellationToken)]
                : await LoadArchiveAsync(leased, snapshotter, source, report, cancellationToken);
            foreach (var image in images)
            {
                foreach (string name in image.Names.Count > 0 ? image.Names : [DanglingNames.For(image.Target.Digest)])
                {
                    await scope.Images.SaveAsync(new Image(name, image.Target), ["target"], cancellationToken);
                    ArchiveLog.Imported(_logger, @namespace, name, image.Manifest.Config.Digest.ToString());
                    report(new TransferProgress(name, TransferStatus.Done) { Detail = image.Manifest.Config.Digest.ToString() });
                }
            }

            succeeded = true;
        }
        catch (Exception ex)
        {
            ArchiveLog.Failed(_logger, @namespace, ex.Message);
            throw;
        }
        finally
        {
            // A failed import's blobs and snapshots go with its lease, now rather than at the next collection.
            await DropLeaseAsync(scope, leaseId, synchronous: !succeeded);
        }
    }

    private async Task<LoadedImage> ImportRootfsAsync(INamespaceScope leased, string snapshotter, ImageImportRequest request, string? reference,
        Stream source, CancellationToken cancellationToken)
    {
        var image = await new RootfsImporter(leased, snapshotter, _time).ImportAsync(request, source, cancellationToken);
        if (reference is not null)
        {
            image.Names.Add(reference);
        }

        return image;
    }

    private static async Task<IReadOnlyList<LoadedImage>> LoadArchiveAsync(INamespaceScope leased, string snapshotter, Stream source,
        Action<TransferProgress> report, CancellationToken cancellationToken)
    {
        var contents = await new ArchiveReader(leased.Content).ReadAsync(source, cancellationToken);
        var images = await new ArchiveLoader(leased, contents, Platforms.Host).PlanAsync(cancellationToken);
        var unpacker = new LayerUnpacker(leased, snapshotter, report);
        foreach (var image in images)
        {
            await unpacker.UnpackAsync(image.Manifest, image.Config, cancellationToken);
        }

        return images;
    }

    private static string Normalize(string name)
        => ImageReference.TryParse(name, out var reference, out string? error)
            ? reference.ToString()
            : throw new InvalidArgumentException($"invalid reference format: {name}: {error}");
}
