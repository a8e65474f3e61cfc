using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Oci.Manifests;
using Microsoft.Extensions.Logging;

namespace Berth.Remotes.Pull;

/// <summary>
/// The work of one pull, as containerd's client does it with unpacking on: resolve the reference, fetch the root and,
/// for an index, the manifest of the platform (every platform's manifest and config with <see cref="PullPlan.AllPlatforms"/>),
/// label each parent with its children before fetching them, fetch the config, then the layers concurrently while
/// unpacking each one as soon as it and the one below are there. Everything is written through a scope bound to the
/// pull's lease, so nothing is collected until the image record references it.
/// </summary>
internal sealed partial class Puller : IDisposable
{
    private readonly Registry.IRegistryClient _registry;
    private readonly PullPlan _plan;
    private readonly INamespaceScope _scope;
    private readonly ImageTransferSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<TransferProgress> _report;
    private readonly BlobFetcher _fetcher;
    private readonly SemaphoreSlim _downloads;

    /// <param name="leasedScope">The namespace's stores bound to the pull's lease: snapshots, the root blob, the diff service.</param>
    /// <param name="unleasedScope">The same namespace without the lease, for the ingests of the other blobs (see <see cref="BlobFetcher"/>).</param>
    public Puller(Registry.IRegistryClient registry, PullPlan plan, INamespaceScope leasedScope, INamespaceScope unleasedScope, ImageTransferSettings settings,
        TimeProvider time, ILogger logger, Action<TransferProgress> report)
    {
        _registry = registry;
        _plan = plan;
        _scope = leasedScope;
        _settings = settings;
        _time = time;
        _logger = logger;
        _report = report;
        _fetcher = new BlobFetcher(registry, plan.Reference, leasedScope.Content, unleasedScope.Content, settings, time, logger);
        _downloads = new SemaphoreSlim(Math.Max(1, settings.MaxConcurrentDownloads));
    }

    private IContentStore Content => _scope.Content;

    /// <summary>Fetches (and unpacks) the image; returns the root descriptor, for the image record.</summary>
    public async Task<Descriptor> RunAsync(CancellationToken cancellationToken)
    {
        _report(new TransferProgress(_plan.Reference.ToString(), TransferStatus.Resolving));
        try
        {
            var root = await _registry.ResolveAsync(_plan.Reference, cancellationToken);
            var (descriptor, manifest) = await FetchRootAsync(root, cancellationToken);
            var config = await FetchManifestChildrenAsync(descriptor, manifest, cancellationToken);
            await FetchLayersAsync(manifest, config!, cancellationToken);
            return root;
        }
        catch (Exception ex) when (ex is not (UnavailableException or OperationCanceledException))
        {
            // Kept for a later pull to resume only when the failure was the network's or the daemon's.
            await _fetcher.DiscardOpenIngestsAsync();
            throw;
        }
    }

    public void Dispose() => _downloads.Dispose();

    private static string ShortId(Digest digest) => digest.Encoded.Length > 12 ? digest.Encoded[..12] : digest.Encoded;

    private void Report(Descriptor layer, TransferStatus status, long current = 0)
        => _report(new TransferProgress(ShortId(layer.Digest), status, current, layer.Size));

    private void RefuseSchema1(string? mediaType, Digest digest)
    {
        if (ManifestMediaTypes.IsSchema1(mediaType))
        {
            throw new UnimplementedException(
                $"{_plan.Reference} ({digest}) is a Docker schema 1 image, which berth does not pull: schema 1 is deprecated and " +
                "unsafe; push the image again with a current docker, or convert it (skopeo copy --format v2s2)");
        }
    }
}
