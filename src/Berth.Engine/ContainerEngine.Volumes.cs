using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Engine.Volumes;

namespace Berth.Engine;

public sealed partial class ContainerEngine : IVolumeStore
{
    private VolumeFolders? _volumeFolders;

    private VolumeFolders VolumeFiles => _volumeFolders ??= new VolumeFolders(options.VolumesRoot);

    /// <inheritdoc />
    async ValueTask<Volume> IVolumeStore.CreateAsync(INamespaceScope scope, VolumeCreate request, CancellationToken cancellationToken)
    {
        await _names.WaitAsync(cancellationToken);
        try
        {
            var volume = VolumeFiles.Create(scope.Namespace, request, anonymous: false);
            PublishVolume(scope.Namespace, volume.Name, "create");
            return volume;
        }
        finally
        {
            _names.Release();
        }
    }

    /// <inheritdoc />
    ValueTask<Volume> IVolumeStore.InspectAsync(INamespaceScope scope, string name, CancellationToken cancellationToken)
        => ValueTask.FromResult(VolumeFiles.Find(scope.Namespace, name) ?? throw new NotFoundException($"get {name}: no such volume"));

    /// <inheritdoc />
    ValueTask<IReadOnlyList<Volume>> IVolumeStore.ListAsync(INamespaceScope scope, CancellationToken cancellationToken)
        => ValueTask.FromResult(VolumeFiles.List(scope.Namespace));

    /// <inheritdoc />
    ValueTask IVolumeStore.RemoveAsync(INamespaceScope scope, string name, bool force, CancellationToken cancellationToken)
        => RemoveVolumeAsync(scope, name, force, cancellationToken);

    /// <inheritdoc />
    async ValueTask<IReadOnlyList<string>> IVolumeStore.PruneAsync(INamespaceScope scope, bool all, CancellationToken cancellationToken)
    {
        await _names.WaitAsync(cancellationToken);
        try
        {
            var users = await VolumeUsersAsync(scope, cancellationToken);
            var pruned = new List<string>();
            foreach (var volume in VolumeFiles.List(scope.Namespace).Where(v => (all || v.Anonymous) && !users.ContainsKey(v.Name)))
            {
                VolumeFiles.Remove(scope.Namespace, volume.Name);
                PublishVolume(scope.Namespace, volume.Name, "destroy");
                pruned.Add(volume.Name);
            }

            return pruned;
        }
        finally
        {
            _names.Release();
        }
    }

    private async ValueTask RemoveVolumeAsync(INamespaceScope scope, string name, bool force, CancellationToken cancellationToken)
    {
        await _names.WaitAsync(cancellationToken);
        try
        {
            if (VolumeFiles.Find(scope.Namespace, name) is null)
            {
                if (force)
                {
                    return;
                }

                throw new NotFoundException($"get {name}: no such volume");
            }

            if ((await VolumeUsersAsync(scope, cancellationToken)).TryGetValue(name, out var users))
            {
                throw new FailedPreconditionException($"remove {name}: volume is in use - [{string.Join(", ", users)}]");
            }

            VolumeFiles.Remove(scope.Namespace, name);
            PublishVolume(scope.Namespace, name, "destroy");
        }
        finally
        {
            _names.Release();
        }
    }

    /// <summary>The containers using each volume, by volume name.</summary>
    private static async ValueTask<Dictionary<string, List<string>>> VolumeUsersAsync(INamespaceScope scope, CancellationToken cancellationToken)
    {
        var users = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var (container, record) in ListRecordsAsync(scope, cancellationToken))
        {
            foreach (var volume in record.Volumes)
            {
                (users.TryGetValue(volume.Name!, out var list) ? list : users[volume.Name!] = []).Add(container.Id);
            }
        }

        return users;
    }

    /// <summary>
    /// <c>rm -v</c>: the container's anonymous volumes that no other container uses (the container's record is gone by
    /// now, so it does not count).
    /// </summary>
    private async ValueTask RemoveAnonymousVolumesAsync(INamespaceScope scope, IReadOnlyList<VolumeMount> volumes)
    {
        foreach (var mount in volumes)
        {
            if (VolumeFiles.Find(scope.Namespace, mount.Name!) is { Anonymous: true })
            {
                try
                {
                    await RemoveVolumeAsync(scope, mount.Name!, force: true, CancellationToken.None);
                }
                catch (FailedPreconditionException)
                {
                    // Another container mounts it too: docker keeps it then.
                }
            }
        }
    }
}
