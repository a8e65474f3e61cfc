using Berth.Core.Errors;

namespace Berth.Daemon.Hosting;

/// <summary>
/// Holds an exclusive lock (flock) on &lt;root&gt;/berthd.lock for the daemon's lifetime, so that two daemons never
/// share a root; the kernel releases it if the daemon dies. The pid goes into &lt;state&gt;/berthd.pid, because a
/// locked file cannot be read by the process that is refused.
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
            string pid = File.Exists(pidPath) ? File.ReadAllText(pidPath).Trim() : "unknown";
            throw new FailedPreconditionException(
                $"another berthd (pid {pid}) is already running with root {root}: stop it first, or start this one with its own --root, --state and --address");
        }

        File.WriteAllText(pidPath, $"{Environment.ProcessId}\n");
        return new RootLock(lockFile, pidPath);
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
