using System.Diagnostics;
using System.Runtime.Versioning;
using Berth.Core.Mounts;
using Berth.Linux;

namespace Berth.Testing.Snapshots;

/// <summary>
/// What a snapshotter returned, mounted onto a folder as containerd's <c>mount.All</c> would, and unmounted at dispose
/// (the test's finally). Needs root.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class MountedSnapshot : IDisposable
{
    // containerd compacts lowerdir to relative paths when the options come near a page, the limit of mount(2)'s data.
    private const int CompactThreshold = 4096 - 512;

    private readonly ISyscalls _syscalls;
    private int _mounted;

    private MountedSnapshot(ISyscalls syscalls, string target)
    {
        _syscalls = syscalls;
        Target = target;
    }

    public string Target { get; }

    /// <summary>Mounts every entry of <paramref name="mounts"/> in turn onto <paramref name="target"/>.</summary>
    public static MountedSnapshot Mount(IReadOnlyList<Mount> mounts, string target, ISyscalls? syscalls = null)
    {
        var mounted = new MountedSnapshot(syscalls ?? LinuxSyscalls.Instance, target);
        try
        {
            foreach (var mount in mounts)
            {
                mounted.MountOne(mount);
                mounted._mounted++;
            }

            return mounted;
        }
        catch
        {
            mounted.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        for (; _mounted > 0; _mounted--)
        {
            try
            {
                _syscalls.Unmount(Target);
            }
            catch (Core.Errors.UnavailableException)
            {
                // Busy (a file still open): detach it so the test's folders can go.
                _syscalls.Unmount(Target, UnmountFlags.Detach);
            }
        }
    }

    private void MountOne(Mount mount)
    {
        var options = mount.Options;
        string? workingDirectory = null;
        if (mount.Type == "overlay" && options.Sum(o => o.Length + 1) >= CompactThreshold)
        {
            (workingDirectory, options) = LowerdirCompaction.Compact(options);
        }

        var (flags, data) = MountOptionParser.Parse(options);
        if (workingDirectory is not null)
        {
            // Relative lowerdirs resolve against the caller's working folder, which for .NET is process-wide: let
            // mount(8) do it from its own.
            RunMountCommand(workingDirectory, mount, options);
        }
        else
        {
            _syscalls.Mount(mount.Source, Target, mount.Type, flags & ~MountOptionParser.Propagation, data);
        }

        if ((flags & (MountFlags.Bind | MountFlags.ReadOnly)) == (MountFlags.Bind | MountFlags.ReadOnly))
        {
            // A bind mount ignores MS_RDONLY until remounted.
            _syscalls.Mount(null, Target, null, flags | MountFlags.Remount, null);
        }
    }

    private void RunMountCommand(string workingDirectory, Mount mount, IReadOnlyList<string> options)
    {
        var start = new ProcessStartInfo("mount")
        {
            WorkingDirectory = workingDirectory,
            ArgumentList = { "-t", mount.Type, "-o", string.Join(',', options), mount.Source, Target },
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start mount(8)");
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mount(8) of {mount.Type} on {Target} failed ({process.ExitCode}): {error}");
        }
    }
}
