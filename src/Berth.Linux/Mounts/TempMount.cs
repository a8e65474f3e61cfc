using System.Security.Cryptography;
using Berth.Core.Mounts;
using Microsoft.Extensions.Logging;

namespace Berth.Linux.Mounts;

/// <summary>
/// Mounts on a temp folder under the scratch root (containerd's mount.WithTempMount), or, for a read-only look
/// at a single bind mount, its source folder itself. Dispose unmounts and removes the folder.
/// </summary>
public sealed partial class TempMount : IDisposable
{
    private readonly ISyscalls _syscalls;
    private readonly ILogger _logger;
    private readonly string? _folder;
    private int _mounted;

    private TempMount(ISyscalls syscalls, ILogger logger, string root, string? folder)
    {
        _syscalls = syscalls;
        _logger = logger;
        Root = root;
        _folder = folder;
    }

    /// <summary>Where the mounted filesystem is.</summary>
    public string Root { get; }

    public static TempMount Mount(ISyscalls syscalls, string scratchRoot, IReadOnlyList<Mount> mounts, bool readOnly, ILogger logger)
    {
        if (readOnly && mounts is [{ Type: "bind" or "rbind" } bind])
        {
            return new TempMount(syscalls, logger, bind.Source, folder: null);
        }

        string folder = Path.Join(scratchRoot, $"mount-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
        Directory.CreateDirectory(folder);
        var mounted = new TempMount(syscalls, logger, folder, folder);
        try
        {
            foreach (var mount in mounts)
            {
                mounted.MountOne(readOnly ? MountOptions.AsReadOnly(mount) : mount);
            }

            return mounted;
        }
        catch
        {
            mounted.Dispose();
            throw;
        }
    }

    private void MountOne(Mount mount)
    {
        var (flags, data) = MountOptions.Parse(mount.Options);
        bool readOnlyBind = flags.HasFlag(MountFlags.Bind) && flags.HasFlag(MountFlags.ReadOnly);
        _syscalls.Mount(mount.Source, Root, mount.Type, readOnlyBind ? flags & ~MountFlags.ReadOnly : flags, data);
        _mounted++;
        if (readOnlyBind)
        {
            // The kernel ignores MS_RDONLY when it creates a bind mount; only a remount makes it read-only.
            _syscalls.Mount(null, Root, null, flags | MountFlags.Remount, null);
        }
    }

    public void Dispose()
    {
        if (_folder is null)
        {
            return;
        }

        for (; _mounted > 0; _mounted--)
        {
            try
            {
                _syscalls.Unmount(_folder);
            }
            catch (Core.Errors.BerthException ex)
            {
                LogUnmountFailed(_logger, _folder, ex.Message);
                _syscalls.Unmount(_folder, UnmountFlags.Detach);
            }
        }

        Directory.Delete(_folder);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not unmount {Target}: {Reason}")]
    private static partial void LogUnmountFailed(ILogger logger, string target, string reason);
}
