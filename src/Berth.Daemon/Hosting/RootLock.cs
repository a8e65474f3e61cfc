using Berth.Core.Errors;

namespace Berth.Daemon.Hosting;

/// <summary>
/// Holds an exclusive lock (flock) on &lt;root&gt;/berthd.lock for the daemon's lifetime, so that two daemons never
/// share a root; the kernel releases it if the daemon dies. The pid goes into &lt;state&gt;/berthd.pid for scripts;
/// a refused daemon names the holder from /proc/locks, which is right even when the two were given other states.
/// </summary>
internal sealed class RootLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _pidFile;

    private RootLock(FileStream lockFile, string pidFile)
    {
        _lock = lockFile;
        _pidFile = pidFile;
    }

    public static RootLock Acquire(string root, string state)
    {
        string lockPath = Path.Combine(root, "berthd.lock");
        string pidPath = Path.Combine(state, "berthd.pid");
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            string pid = LockHolder(lockPath) ?? "unknown";
            throw new FailedPreconditionException(
                $"another berthd (pid {pid}) is already running with root {root}: stop it first, or start this one with its own --root, --state and --address");
        }

        File.WriteAllText(pidPath, $"{Environment.ProcessId}\n");
        return new RootLock(lockFile, pidPath);
    }

    // /proc/locks lines read "1: FLOCK  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF": the pid, then device:inode.
    private static string? LockHolder(string lockPath)
    {
        var status = Linux.LinuxSyscalls.Instance.Lstat(lockPath);
        if (status is null || !File.Exists("/proc/locks"))
        {
            return null;
        }

        string inode = $":{status.Inode}";
        return File.ReadLines("/proc/locks")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(fields => fields.Length > 5 && fields[1] == "FLOCK" && fields[5].EndsWith(inode, StringComparison.Ordinal))?[4];
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_pidFile);
        }
        catch (IOException)
        {
        }

        _lock.Dispose();
    }
}
