using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Core.Labels;
using Berth.Core.Metadata;
using Berth.Engine.Volumes;
using Berth.Linux.Mounts;

namespace Berth.Engine;

public sealed partial class ContainerEngine
{
    /// <summary>
    /// The container's volumes as binds of their folders: named ones made if missing, an anonymous one for each
    /// <c>-v /path</c> and each VOLUME of the image no other mount covers; an empty volume is filled from the image's
    /// files at its path first (docker's copy-up, unless <c>nocopy</c>). Runs under the names lock.
    /// </summary>
    private async ValueTask<(ContainerSpecOptions Spec, List<VolumeMount> Volumes)> MountVolumesAsync(
        INamespaceScope scope, ContainerCreate request, ResolvedImage image, CancellationToken cancellationToken)
    {
        var covered = request.Spec.Binds.Select(b => b.Destination).Concat(request.Spec.Tmpfs.Select(t => t.Destination))
            .Concat(request.Volumes.Select(v => v.Destination)).ToHashSet(StringComparer.Ordinal);
        var wanted = request.Volumes.Concat((image.Config.Config?.Volumes ?? []).Where(covered.Add).Select(path => new VolumeMount(null, path))).ToList();
        if (wanted.Count == 0)
        {
            return (request.Spec, []);
        }

        var binds = request.Spec.Binds.ToList();
        var volumes = new List<VolumeMount>();
        var empty = new List<(VolumeMount Mount, string Folder)>();
        foreach (var mount in wanted)
        {
            var volume = VolumeFiles.Create(scope.Namespace, new VolumeCreate(mount.Name), anonymous: mount.Name is null);
            PublishVolume(scope.Namespace, volume.Name, "create");
            if (!mount.NoCopy && VolumeCopyUp.IsEmpty(volume.Mountpoint))
            {
                empty.Add((mount, volume.Mountpoint));
            }

            binds.Add(new BindMount(volume.Mountpoint, mount.Destination) { ReadOnly = mount.ReadOnly });
            volumes.Add(mount with { Name = volume.Name });
        }

        if (empty.Count > 0 && image.TopChainId is { } top)
        {
            await CopyUpAsync(scope, top, empty, cancellationToken);
        }

        return (request.Spec with { Binds = binds }, volumes);
    }

    // The image's files, copied into the volumes that are empty.
    private ValueTask CopyUpAsync(INamespaceScope scope, string top, List<(VolumeMount Mount, string Folder)> empty, CancellationToken cancellationToken)
        => ReadImageAsync(scope, top, root =>
        {
            foreach (var (mount, folder) in empty)
            {
                string source = Path.Join(root, mount.Destination);
                if (Directory.Exists(source))
                {
                    VolumeCopyUp.Copy(syscalls, source, folder);
                }
            }
        }, cancellationToken);

    // Reads the image's files through a read-only view of its top layer, mounted for the while. The view is made under
    // a lease of its own (expiring in an hour should berthd die meanwhile): unleased, a collection that another removal
    // starts could take it away while it is read.
    private async ValueTask ReadImageAsync(INamespaceScope scope, string top, Action<string> read, CancellationToken cancellationToken)
    {
        string key = $"berth-view-{Guid.NewGuid():N}";
        string expiry = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        await scope.Leases.CreateAsync(key, new Dictionary<string, string> { [LabelSet.GcExpire] = expiry }, cancellationToken);
        var snapshotter = metadata.ForNamespace(scope.Namespace, key).Snapshotter(options.Snapshotter);
        try
        {
            var mounts = await snapshotter.ViewAsync(key, top, null, cancellationToken);
            try
            {
                Directory.CreateDirectory(options.IoRoot);
                using var image = TempMount.Mount(syscalls, options.IoRoot, mounts, readOnly: true, logger);
                read(image.Root);
            }
            finally
            {
                await snapshotter.RemoveAsync(key, CancellationToken.None);
            }
        }
        finally
        {
            await scope.Leases.DeleteAsync(key, cancellationToken: CancellationToken.None);
        }
    }
}
