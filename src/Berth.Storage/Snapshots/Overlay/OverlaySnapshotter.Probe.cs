using Berth.Linux;
using Berth.Storage.Snapshots.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.Snapshots.Overlay;

public sealed partial class OverlaySnapshotter
{
    /// <summary>
    /// Whether overlayfs works under <paramref name="root"/>: mounts a tiny overlay with two lowerdirs there (the
    /// shape every layered image needs) and removes it again. The daemon uses it to explain an unusable backend
    /// (no overlay module, a backing filesystem overlay refuses, no privilege) instead of failing at the first mount.
    /// </summary>
    public static bool IsSupported(string root, ISyscalls syscalls, ILogger? logger = null)
    {
        Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // A Guid, not RandomNumberGenerator: that would load OpenSSL at start-up only to name a folder.
        string probe = Path.Combine(root, "overlay-probe-" + Guid.NewGuid().ToString("N")[..12]);
        string merged = Path.Combine(probe, "merged");
        bool mounted = false;
        try
        {
            foreach (string folder in new[] { "lower1", "lower2", "upper", "work", "merged" })
            {
                Directory.CreateDirectory(Path.Combine(probe, folder));
            }

            string lower = $"{Path.Combine(probe, "lower2")}:{Path.Combine(probe, "lower1")}";
            string data = $"lowerdir={lower},upperdir={Path.Combine(probe, "upper")},workdir={Path.Combine(probe, "work")}";
            syscalls.Mount("overlay", merged, "overlay", MountFlags.None, data);
            mounted = true;
            return true;
        }
        catch (Exception exception)
        {
            SnapshotterLog.OverlayUnsupported(logger ?? NullLogger.Instance, root, exception);
            return false;
        }
        finally
        {
            try
            {
                if (mounted)
                {
                    syscalls.Unmount(merged, UnmountFlags.Detach);
                }

                SnapshotFolders.Delete(probe);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Core.Errors.BerthException)
            {
                SnapshotterLog.DeleteFailed(logger ?? NullLogger.Instance, probe, exception);
            }
        }
    }
}
