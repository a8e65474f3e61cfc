using System.Formats.Tar;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Tasks;
using Berth.Engine.Files;
using Berth.Linux;
using Berth.Oci.Runtime;

namespace Berth.Engine;

public sealed partial class ContainerEngine : IContainerFiles
{
    /// <inheritdoc />
    public async ValueTask<ContainerPathStat> StatPathAsync(INamespaceScope scope, string container, string path, CancellationToken cancellationToken = default)
    {
        using var view = await OpenViewAsync(scope, container, withMounts: true, cancellationToken);
        string absolute = Absolute(path);
        var status = syscalls.Lstat(view.Host(view.Resolve(absolute, FollowsLast(absolute)))) ?? throw view.NotFound(absolute);
        string link = status.Kind == FileKind.Symlink ? view.Resolve(absolute, followLast: true) : string.Empty;
        return new ContainerPathStat(BaseName(absolute), status.Size, TypeBits(status.Kind) | status.Mode, status.ModifiedAt, link);
    }

    /// <inheritdoc />
    public async ValueTask CopyFromAsync(INamespaceScope scope, string container, string path, Stream destination, CancellationToken cancellationToken = default)
    {
        using var view = await OpenViewAsync(scope, container, withMounts: true, cancellationToken);
        string absolute = Absolute(path);
        string host = view.Host(view.Resolve(absolute, FollowsLast(absolute)));
        if (syscalls.Lstat(host) is null)
        {
            throw view.NotFound(absolute);
        }

        await using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        await new TreeArchiver(syscalls, writer) { Opaque = view.Opaque }.AddTreeAsync(host, BaseName(absolute), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask CopyToAsync(INamespaceScope scope, string container, ContainerCopyTo request, Stream source, CancellationToken cancellationToken = default)
    {
        using var view = await OpenViewAsync(scope, container, withMounts: true, cancellationToken);
        var record = view.Record;
        string absolute = Absolute(request.Path);
        string folder = view.Resolve(absolute, followLast: true);
        var status = syscalls.Lstat(view.Host(folder)) ?? throw view.NotFound(absolute);
        if (status.Kind != FileKind.Directory)
        {
            throw new InvalidArgumentException("extraction point is not a directory");
        }

        if (record.Request.Spec.ReadonlyRootfs && !IsMounted(record, folder))
        {
            throw new FailedPreconditionException("container rootfs is marked read-only");
        }

        var owner = request.CopyOwnerFromUser && record.User.Length > 0 ? ContainerUsers.Resolve(syscalls, view.Root, record.User) : ((int, int)?)null;
        var extractor = new TreeExtractor(syscalls, view.Root, folder) { Owner = owner, AllowOverwriteDirWithFile = request.AllowOverwriteDirWithFile };
        await extractor.ExtractAsync(source, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask ExportAsync(INamespaceScope scope, string container, Stream destination, CancellationToken cancellationToken = default)
    {
        using var view = await OpenViewAsync(scope, container, withMounts: false, cancellationToken);
        await using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        await new TreeArchiver(syscalls, writer) { StayOnDevice = view.RootDevice, Opaque = view.Opaque }.AddChildrenAsync(view.Root, string.Empty, cancellationToken);
    }

    /// <summary>
    /// The container's files: a running one's through its init's root (volumes and mounts included; for an export, the
    /// device of its own root, whose other filesystems are left out), a stopped one's snapshot mounted with its volumes
    /// and binds (<paramref name="withMounts"/>) under the container's lock, which keeps it from starting meanwhile.
    /// </summary>
    private async ValueTask<ContainerView> OpenViewAsync(INamespaceScope scope, string reference, bool withMounts, CancellationToken cancellationToken)
    {
        var (found, record) = await FindAsync(scope, reference, cancellationToken);
        var live = Live(scope.Namespace, found.Id);
        await live.Lock.WaitAsync(cancellationToken);
        bool held = false;
        try
        {
            if (live.Running)
            {
                if (await TaskStateAsync(scope, found.Id, cancellationToken) is not { Pid: > 0, Status: not ProcessStatus.Stopped } state)
                {
                    throw new FailedPreconditionException($"container {reference} is stopping: try again once it has stopped");
                }

                string root = $"/proc/{state.Pid}/root";
                return new ContainerView(syscalls, root, reference, mounts: null, held: null)
                {
                    Record = record,
                    Opaque = new HashSet<string>(new[] { "/proc", "/sys", "/dev" }.Select(path => root + path), StringComparer.Ordinal),
                    RootDevice = withMounts ? null : syscalls.Lstat(root + "/.")?.Device,
                };
            }

            var snapshot = await scope.Snapshotter(found.Snapshotter).MountsAsync(found.SnapshotKey, cancellationToken);
            var spec = withMounts && found.Spec is { } packed ? RuntimeSpecJson.Parse(packed.Value.Span) : null;
            var rootfs = StoppedRootfs.Mount(syscalls, options.IoRoot, snapshot, spec, logger);
            held = true;
            return new ContainerView(syscalls, rootfs.Root, reference, rootfs, live.Lock) { Record = record };
        }
        finally
        {
            if (!held)
            {
                live.Lock.Release();
            }
        }
    }

    // Whether a resolved path is on one of the container's volumes or binds (writable despite --read-only).
    private static bool IsMounted(ContainerRecord record, string path)
        => record.Request.Spec.Binds.Where(b => !b.ReadOnly).Select(b => b.Destination).Concat(record.Volumes.Where(v => !v.ReadOnly).Select(v => v.Destination))
            .Any(destination => path == destination || path.StartsWith(destination.TrimEnd('/') + "/", StringComparison.Ordinal));

    // A relative path is taken from the container's root, as dockerd takes it; a trailing "/" or "/." is kept.
    private static string Absolute(string path) => path.StartsWith('/') ? path : "/" + path;

    // "/etc/" and "/etc/." name the folder a link there leads to; "/etc/link" names the link itself.
    private static bool FollowsLast(string path) => path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal);

    // The name entries are rebased on: "." for a folder's contents ("/etc/.") and for the root itself.
    private static string BaseName(string path)
    {
        if (path.EndsWith("/.", StringComparison.Ordinal))
        {
            return ".";
        }

        string trimmed = path.TrimEnd('/');
        int slash = trimmed.LastIndexOf('/');
        return trimmed.Length == 0 ? "." : trimmed[(slash + 1)..];
    }

    private static int TypeBits(FileKind kind) => kind switch
    {
        FileKind.Directory => 0x4000,
        FileKind.Symlink => 0xA000,
        FileKind.CharDevice => 0x2000,
        FileKind.BlockDevice => 0x6000,
        FileKind.Fifo => 0x1000,
        FileKind.Socket => 0xC000,
        _ => 0x8000,
    };
}
