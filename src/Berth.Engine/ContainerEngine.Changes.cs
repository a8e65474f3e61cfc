using Berth.Core.Containers;
using Berth.Core.Diff;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Labels;
using Berth.Core.Metadata;
using Berth.Core.Tasks;
using Berth.Core.Transfer;
using Berth.Engine.Changes;
using Berth.Linux.Mounts;
using Berth.Oci;
using Berth.Oci.Manifests;
using Berth.Oci.Runtime;

namespace Berth.Engine;

/// <summary>
/// docker diff and docker commit. Both compare the container's snapshot with a read-only view of its parent (the
/// image), each mounted as the snapshotter says, so they work alike on overlayfs and native: diff walks the two trees,
/// commit has the Diff service write the layer between them. Everything made goes under a lease until the image record
/// holds it.
/// </summary>
public sealed partial class ContainerEngine : IContainerChanges
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<FileChange>> DiffAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default)
    {
        var (found, _) = await FindAsync(scope, container, cancellationToken);
        await using var lease = await ChangesLease.CreateAsync(metadata, scope, "diff", cancellationToken);
        lease.Succeeded(); // the view is removed below; the lease keeps nothing worth an immediate collection
        await using var layers = await ContainerLayers.OpenAsync(lease.Scope.Snapshotter(found.Snapshotter), found, cancellationToken);
        Directory.CreateDirectory(options.IoRoot);
        using var image = TempMount.Mount(syscalls, options.IoRoot, layers.Image, readOnly: true, logger);
        using var rootfs = TempMount.Mount(syscalls, options.IoRoot, layers.Container, readOnly: true, logger);
        return TreeDiff.Compare(syscalls, image.Root, rootfs.Root, InitLayerPaths(found, image.Root, rootfs.Root), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<string> CommitAsync(INamespaceScope scope, ContainerCommit request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (found, record) = await FindAsync(scope, request.Container, cancellationToken);
        var image = await BaseImage.FindAsync(scope, record.Request.Image, record.ImageId, cancellationToken);
        await using var lease = await ChangesLease.CreateAsync(metadata, scope, "commit", cancellationToken);
        var snapshots = lease.Scope.Snapshotter(found.Snapshotter);
        var (layer, parent) = await CompareAsync(scope, lease.Scope, found, request.Pause, LayerMediaType(image.Manifest), cancellationToken);
        var diffId = await DiffIdAsync(lease.Scope, layer, cancellationToken);
        if (image.Config.RootFs.DiffIds.Count > 0 && parent != ChainIds.Top(image.Config.RootFs.DiffIds).ToString())
        {
            throw new FailedPreconditionException($"container {found.Id} does not sit on its image's layers: its snapshot's parent is {parent}");
        }

        var config = CommitConfig.Of(image.Config, record, request, diffId, DateTimeOffset.UtcNow);
        string chainId = ChainIds.Top(config.RootFs.DiffIds).ToString();
        await LayerUnpack.UnpackAsync(snapshots, lease.Scope.Diff, layer, parent, chainId, cancellationToken);

        var configBlob = await CommitContent.WriteAsync(lease.Scope.Content, image.Manifest.Config.MediaType,
            CommitContent.WithComment(ManifestJson.Serialize(config), request.Message),
            new Dictionary<string, string> { [LabelSet.GcRefSnapshotPrefix + found.Snapshotter] = chainId }, cancellationToken);
        var manifest = new ImageManifest { MediaType = image.Manifest.MediaType ?? MediaTypes.OciManifest, Config = configBlob, Layers = [.. image.Manifest.Layers, layer] };
        var manifestBlob = await CommitContent.WriteAsync(lease.Scope.Content, manifest.MediaType, ManifestJson.Serialize(manifest),
            CommitContent.Children(configBlob, manifest.Layers), cancellationToken);
        await scope.Images.SaveAsync(new Image(request.Reference ?? DanglingNames.For(manifestBlob.Digest), manifestBlob), ["target"], cancellationToken);
        lease.Succeeded();
        return configBlob.Digest.ToString();
    }

    // The layer between the image and the container, read while a running container is frozen (docker's --pause).
    private async ValueTask<(Descriptor Layer, string? Parent)> CompareAsync(INamespaceScope scope, INamespaceScope leased, Container container, bool pause,
        string mediaType, CancellationToken cancellationToken)
    {
        await using var layers = await ContainerLayers.OpenAsync(leased.Snapshotter(container.Snapshotter), container, cancellationToken);
        bool paused = pause && await PauseRunningAsync(scope, container.Id, cancellationToken);
        try
        {
            var layer = await leased.Diff.CompareAsync(layers.Image, layers.Container, new DiffCompareOptions { MediaType = mediaType }, cancellationToken);
            return (layer, layers.Parent);
        }
        finally
        {
            if (paused)
            {
                await tasks.ResumeAsync(scope, container.Id, CancellationToken.None);
            }
        }
    }

    private async ValueTask<bool> PauseRunningAsync(INamespaceScope scope, string id, CancellationToken cancellationToken)
    {
        if (!Live(scope.Namespace, id).Running || (await tasks.GetAsync(scope, id, string.Empty, cancellationToken)).Status is not ProcessStatus.Running)
        {
            return false;
        }

        await tasks.PauseAsync(scope, id, cancellationToken);
        return true;
    }

    private static async ValueTask<Digest> DiffIdAsync(INamespaceScope scope, Descriptor layer, CancellationToken cancellationToken)
    {
        var info = await scope.Content.InfoAsync(layer.Digest, cancellationToken);
        return info.Labels.TryGetValue(LabelSet.Uncompressed, out var diffId)
            ? Digest.Parse(diffId)
            : throw new FailedPreconditionException($"the layer {layer.Digest} has no {LabelSet.Uncompressed} label");
    }

    // A Docker manifest lists Docker layers; anything else gets OCI's.
    private static string LayerMediaType(ImageManifest manifest)
        => manifest.MediaType == MediaTypes.DockerManifest ? MediaTypes.DockerLayerGzip : MediaTypes.OciLayerGzip;

    // What dockerd keeps in a container's init layer, below its writable one, so that docker diff never shows it: the
    // places the spec mounts something (where the runtime may have made an empty file or folder) and the /etc/mtab link
    // to /proc/mounts made when the image has none.
    private HashSet<string> InitLayerPaths(Container container, string imageRoot, string containerRoot)
    {
        var spec = container.Spec is { } packed ? RuntimeSpecJson.Parse(packed.Value.Span) : null;
        var paths = (spec?.Mounts ?? []).Select(m => "/" + m.Destination.Trim('/')).ToHashSet(StringComparer.Ordinal);
        const string Mtab = "/etc/mtab";
        if (syscalls.Lstat(imageRoot + Mtab) is null && new FileInfo(containerRoot + Mtab).LinkTarget == "/proc/mounts")
        {
            paths.Add(Mtab);
        }

        return paths;
    }
}
