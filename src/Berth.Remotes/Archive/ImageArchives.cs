using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Berth.Core.Metadata;
using Berth.Core.Transfer;
using Berth.Oci;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Remotes.Archive;

/// <summary>
/// The daemon's archive transfers (<see cref="IImageArchives"/>): exports write straight from the content store to the
/// caller's stream; imports read the caller's stream into the content store under a lease of their own, unpack, then
/// record the images, and on any failure drop the lease with a synchronous collection, so the store is as before.
/// </summary>
internal sealed partial class ImageArchives(IMetadataStore metadata, string defaultSnapshotter, ILogger<ImageArchives>? logger = null,
    TimeProvider? time = null) : IImageArchives
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async ValueTask ExportAsync(INamespaceScope scope, ImageExportRequest request, Stream destination, CancellationToken cancellationToken = default)
    {
        // The blobs stay while they are written, even if their images are removed and a collection runs meanwhile.
        string leaseId = await CreateLeaseAsync(scope, "export", cancellationToken);
        try
        {
            var exporter = new ArchiveExporter(scope, request.Platform ?? Platforms.Host);
            var plan = await exporter.PlanAsync(request, cancellationToken);
            await HoldAsync(scope, leaseId, plan.Blobs, cancellationToken);
            await exporter.WriteAsync(plan, request.Format, destination, cancellationToken);
            ArchiveLog.Exported(_logger, scope.Namespace, plan.Manifests.Count, plan.Blobs.Count());
        }
        finally
        {
            await DropLeaseAsync(scope, leaseId, synchronous: false);
        }
    }

    public async IAsyncEnumerable<TransferProgress> ImportAsync(INamespaceScope scope, ImageImportRequest request, Stream source,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var progress = Channel.CreateUnbounded<TransferProgress>(new UnboundedChannelOptions { SingleReader = true });
        var work = Task.Run(async () =>
        {
            try
            {
                await ImportLeasedAsync(scope.Namespace, request, source, p => progress.Writer.TryWrite(p), cancellationToken);
            }
            finally
            {
                progress.Writer.Complete();
            }
        }, CancellationToken.None);

        await foreach (var item in progress.Reader.ReadAllAsync(CancellationToken.None))
        {
            yield return item;
        }

        await work;
    }
}
