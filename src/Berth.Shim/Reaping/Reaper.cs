using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Shim.Interop;

namespace Berth.Shim.Reaping;

/// <summary>
/// The one place that waits for children. The shim is a child subreaper, so the container's init (and any process
/// orphaned under the shim) becomes its child when the runtime exits; on SIGCHLD the reaper collects every zombie
/// with waitpid(-1) and hands each exit to whoever waits for that pid. An exit nobody waits for yet is kept, since
/// a container process can exit before the shim has read its pid file.
/// </summary>
#pragma warning disable CA1001 // The reaper lives as long as the process: nothing to dispose.
internal sealed partial class Reaper
#pragma warning restore CA1001
{
    private const int UnclaimedLimit = 1024;
    private static readonly Lazy<Reaper> Instance = new(() => new Reaper(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lock _lock = new();
    private readonly Dictionary<int, TaskCompletionSource<ProcessExit>> _waiters = [];
    private readonly Dictionary<int, ProcessExit> _unclaimed = [];
    private readonly Queue<int> _unclaimedOrder = new();
    private readonly AutoResetEvent _childSignal = new(false);
    private readonly PosixSignalRegistration _registration;

    private Reaper()
    {
        if (Libc.Prctl(Libc.PrSetChildSubreaper, 1, 0, 0, 0) != 0)
        {
            throw new InternalException($"prctl(PR_SET_CHILD_SUBREAPER): errno {Marshal.GetLastPInvokeError()}: the shim cannot adopt the container's processes");
        }

        _registration = PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => _childSignal.Set());
        new Thread(Run) { IsBackground = true, Name = "berth-shim reaper" }.Start();
    }

    /// <summary>The process's reaper: there can be only one waitpid(-1) loop in a process.</summary>
    public static Reaper Default => Instance.Value;

    /// <summary>Waits for the exit of <paramref name="pid"/>, a child or an adopted orphan of this process.</summary>
    public Task<ProcessExit> WaitAsync(int pid)
    {
        lock (_lock)
        {
            if (_unclaimed.Remove(pid, out var exit))
            {
                return Task.FromResult(exit);
            }

            if (!_waiters.TryGetValue(pid, out var waiter))
            {
                waiter = new TaskCompletionSource<ProcessExit>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters[pid] = waiter;
            }

            return waiter.Task;
        }
    }

    private void Run()
    {
        while (true)
        {
            // The timeout covers a SIGCHLD that arrived before the registration.
            _childSignal.WaitOne(TimeSpan.FromSeconds(1));
            ReapAll();
        }
    }

    private unsafe void ReapAll()
    {
        while (true)
        {
            int status;
            int pid = Libc.WaitPid(-1, &status, Libc.WNoHang);
            if (pid <= 0)
            {
                if (pid < 0 && Marshal.GetLastPInvokeError() == Libc.EIntr)
                {
                    continue;
                }

                return;
            }

            Dispatch(ProcessExit.FromWaitStatus(pid, status, DateTimeOffset.UtcNow));
        }
    }

    private void Dispatch(ProcessExit exit)
    {
        lock (_lock)
        {
            if (_waiters.Remove(exit.Pid, out var waiter))
            {
                waiter.SetResult(exit);
                return;
            }

            _unclaimed[exit.Pid] = exit;
            _unclaimedOrder.Enqueue(exit.Pid);
            while (_unclaimedOrder.Count > UnclaimedLimit)
            {
                _unclaimed.Remove(_unclaimedOrder.Dequeue());
            }
        }
    }
}
