using Berth.Core.Errors;
using Berth.Linux;
using Berth.Linux.Mounts;
using Berth.Oci.Runtime;
using Microsoft.Extensions.Logging;
using Mount = Berth.Core.Mounts.Mount;

namespace Berth.Engine.Files;

/// <summary>
/// A stopped container's filesystem mounted for a copy: its snapshot on a temp folder, then, as the runtime would, its
/// volumes and bind mounts (the spec's bind mounts, in order) on their places in it, their mount points made in the
/// container's layer if missing. Dispose unmounts all, in reverse order, and removes the folder.
/// </summary>
internal sealed partial class StoppedRootfs : IDisposable
{
    private readonly ISyscalls _syscalls;
    private readonly ILogger _logger;
    private readonly TempMount _rootfs;
    private readonly List<string> _binds = [];

    private StoppedRootfs(ISyscalls syscalls, ILogger logger, TempMount rootfs)
    {
        _syscalls = syscalls;
        _logger = logger;
        _rootfs = rootfs;
    }

    public string Root => _rootfs.Root;

    public static StoppedRootfs Mount(ISyscalls syscalls, string scratch, IReadOnlyList<Mount> snapshot, RuntimeSpec? spec, ILogger logger)
    {
        Directory.CreateDirectory(scratch);
        var mounted = new StoppedRootfs(syscalls, logger, TempMount.Mount(syscalls, scratch, snapshot, readOnly: false, logger));
        try
        {
            foreach (var bind in (spec?.Mounts ?? []).Where(IsBind))
            {
                mounted.Bind(bind);
            }

            return mounted;
        }
        catch
        {
            mounted.Dispose();
            throw;
        }
    }

    private static bool IsBind(MountSpec mount)
        => mount.Type == "bind" || (mount.Options ?? []).Any(option => option is "bind" or "rbind");

    private void Bind(MountSpec mount)
    {
        if (mount.Source is not { } source || _syscalls.Lstat(source) is not { } status)
        {
            return; // the runtime would fail to start it; a copy can still see the rest
        }

        string target = ScopedPath.HostPath(Root, ScopedPath.Resolve(_syscalls, Root, mount.Destination, followLast: true));
        if (status.Kind == FileKind.Directory)
        {
            Directory.CreateDirectory(target);
        }
        else if (_syscalls.Lstat(target) is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, []);
        }

        _syscalls.Mount(source, target, null, MountFlags.Bind | MountFlags.Recursive, null);
        _binds.Add(target);
        if ((mount.Options ?? []).Contains("ro"))
        {
            _syscalls.Mount(null, target, null, MountFlags.Bind | MountFlags.Remount | MountFlags.ReadOnly, null);
        }
    }

    public void Dispose()
    {
        for (int i = _binds.Count - 1; i >= 0; i--)
        {
            try
            {
                _syscalls.Unmount(_binds[i]);
            }
            catch (BerthException ex)
            {
                LogUnmountFailed(_logger, _binds[i], ex.Message);
                _syscalls.Unmount(_binds[i], UnmountFlags.Detach);
            }
        }

        _rootfs.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not unmount {Target} after a copy: {Reason}")]
    private static partial void LogUnmountFailed(ILogger logger, string target, string reason);
}
