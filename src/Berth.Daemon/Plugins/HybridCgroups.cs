using Berth.Core.Errors;
using Berth.Linux;
using Berth.Linux.Cgroups;
using Microsoft.Extensions.Logging;

namespace Berth.Daemon.Plugins;

/// <summary>
/// <c>prepare_hybrid_cgroups</c> of the task runtime: on a hybrid host (v1 hierarchies plus a cgroup2 mount), crun refuses
/// to run while the v2 hierarchy still offers a controller, so at start-up, before any shim, berthd binds each such
/// controller to a v1 hierarchy of its own (<see cref="HybridControllers.BindToV1"/>). The change is host-wide, lasts
/// until reboot, is a no-op once done, and runc runs the same either way (it then finds that controller on v1, as every
/// other one). On by default when crun can be asked for: installed in PATH, or the configured <c>runc_binary</c>.
/// </summary>
internal static partial class HybridCgroups
{
    public const string Setting = "prepare_hybrid_cgroups";

    /// <summary>The default of <see cref="Setting"/>: whether crun is the configured runtime binary or is installed.</summary>
    public static bool CrunAvailable(string runcBinary)
        => Path.GetFileName(runcBinary) == "crun" || InPath("crun");

    /// <summary>
    /// Binds the stray v2 controllers to v1 (under <paramref name="mountRoot"/>, beside the other v1 hierarchies) and logs
    /// what it changed; a failure is logged, not thrown (runc still runs).
    /// </summary>
    public static void Prepare(CgroupSystem system, ISyscalls syscalls, ILogger logger, string mountRoot = CgroupSystem.DefaultRoot)
    {
        var stray = HybridControllers.Stray(system);
        if (stray.Count == 0)
        {
            return;
        }

        try
        {
            foreach (string mountPoint in HybridControllers.BindToV1(system, syscalls, mountRoot))
            {
                LogBound(logger, Path.GetFileName(mountPoint), mountPoint);
            }
        }
        catch (BerthException e)
        {
            LogFailed(logger, string.Join(",", stray), e.Message);
        }
    }

    private static bool InPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Join(folder, program)));

    [LoggerMessage(1, LogLevel.Information,
        "moved cgroup controller {Controller} from the v2 hierarchy to a v1 hierarchy at {MountPoint} so that crun can run on this hybrid host (host-wide, until reboot; set prepare_hybrid_cgroups = false to leave the host alone)")]
    private static partial void LogBound(ILogger logger, string controller, string mountPoint);

    [LoggerMessage(2, LogLevel.Warning, "crun cannot run on this hybrid cgroup host: the v2 hierarchy keeps {Controllers}: {Error}; runc still works")]
    private static partial void LogFailed(ILogger logger, string controllers, string error);
}
