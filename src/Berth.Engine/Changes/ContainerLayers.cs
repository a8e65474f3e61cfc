using System.Security.Cryptography;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;

namespace Berth.Engine.Changes;

/// <summary>
/// A container's filesystem as two mount sets: its image (a read-only view of its snapshot's parent; none for an image
/// without layers) and the container's own snapshot. Disposing removes the view.
/// </summary>
internal sealed class ContainerLayers : IAsyncDisposable
{
    private readonly ISnapshotter _snapshotter;
    private readonly string? _viewKey;

    private ContainerLayers(ISnapshotter snapshotter, string? viewKey, string? parent, IReadOnlyList<Mount> image, IReadOnlyList<Mount> container)
    {
        _snapshotter = snapshotter;
        _viewKey = viewKey;
        Parent = parent;
        Image = image;
        Container = container;
    }

    /// <summary>The snapshot the container's was prepared from: the image's top chain id.</summary>
    public string? Parent { get; }

    public IReadOnlyList<Mount> Image { get; }

    public IReadOnlyList<Mount> Container { get; }

    public static async ValueTask<ContainerLayers> OpenAsync(ISnapshotter snapshotter, Container container, CancellationToken cancellationToken)
    {
        if (container.SnapshotKey.Length == 0)
        {
            throw new FailedPreconditionException($"container {container.Id} has no root filesystem snapshot");
        }

        var info = await snapshotter.StatAsync(container.SnapshotKey, cancellationToken);
        var mounts = await snapshotter.MountsAsync(container.SnapshotKey, cancellationToken);
        if (info.Parent is null)
        {
            return new ContainerLayers(snapshotter, null, null, [], mounts);
        }

        string viewKey = $"berth-changes-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var image = await snapshotter.ViewAsync(viewKey, info.Parent, null, cancellationToken);
        return new ContainerLayers(snapshotter, viewKey, info.Parent, image, mounts);
    }

    public async ValueTask DisposeAsync()
    {
        if (_viewKey is not null)
        {
            try
            {
                await _snapshotter.RemoveAsync(_viewKey, CancellationToken.None);
            }
            catch (BerthException)
            {
                // Leased: the collector takes it with the lease.
            }
        }
    }
}
