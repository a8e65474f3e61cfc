using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Metadata;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Pull;
using Berth.Remotes.Registry;
using Microsoft.Extensions.Logging;

namespace Berth.Remotes.Push;

/// <summary>
/// The work of one push, as containerd's pusher does it: find the image, decide what goes (<see cref="PushTreeBuilder"/>),
/// send the blobs concurrently (each checked with HEAD first, mounted from another repository of the registry when
/// the store knows one, else uploaded), then the manifests, children first, the root under the tag; last, record the
/// repository in the distribution source label of what went, so later pushes can mount from it.
/// </summary>
internal sealed partial class Pusher : IDisposable
{
    private readonly IRegistryClient _registry;
    private readonly PushPlan _plan;
    private readonly INamespaceScope _scope;
    private readonly ImageTransferSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<TransferProgress> _report;
    private readonly SemaphoreSlim _uploads;

    public Pusher(IRegistryClient registry, PushPlan plan, INamespaceScope scope, ImageTransferSettings settings, TimeProvider time, ILogger logger,
        Action<TransferProgress> report)
    {
        _registry = registry;
        _plan = plan;
        _scope = scope;
        _settings = settings;
        _time = time;
        _logger = logger;
        _report = report;
        _uploads = new SemaphoreSlim(Math.Max(1, settings.MaxConcurrentUploads));
    }

    /// <summary>Pushes the image; returns what went under the tag.</summary>
    public async Task<Descriptor> RunAsync(CancellationToken cancellationToken)
    {
        var image = await FindAsync(cancellationToken);
        var tree = await new PushTreeBuilder(_scope.Content, _plan).BuildAsync(image.Target, cancellationToken);
        if (!tree.Stored.Contains(tree.Root.Digest))
        {
            PushLog.Reduced(_logger, _plan.Reference.ToString(), tree.Root.Digest.ToString());
        }

        await PushBlobsAsync(tree.Blobs, cancellationToken);
        foreach (var (descriptor, body) in tree.Manifests)
        {
            var target = descriptor == tree.Root ? _plan.Reference : _plan.Reference.WithDigest(descriptor.Digest);
            await _registry.PushManifestAsync(target, descriptor, body, cancellationToken);
        }

        await LabelSourcesAsync(tree.Stored, cancellationToken);
        return tree.Root;
    }

    public void Dispose() => _uploads.Dispose();

    private async Task<Image> FindAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _scope.Images.GetAsync(_plan.Reference.ToString(), cancellationToken);
        }
        catch (NotFoundException ex)
        {
            // docker's words, with the name as docker prints it (familiar, without the tag).
            string familiar = _plan.Reference.WithTag("latest").Familiar[..^":latest".Length];
            throw new NotFoundException($"An image does not exist locally with the tag: {familiar}", ex);
        }
    }

    private static string ShortId(Digest digest) => digest.Encoded.Length > 12 ? digest.Encoded[..12] : digest.Encoded;
}
