namespace Berth.Shim.Reaping;

/// <summary>
/// A reaped child: its pid, its status as containerd reports it (the exit code, or 128 + the signal that killed it),
/// and when the shim reaped it.
/// </summary>
internal sealed record ProcessExit(int Pid, int Status, DateTimeOffset ExitedAt)
{
    private const int SignalOffset = 128;

    /// <summary>Decodes a wait(2) status word.</summary>
    public static ProcessExit FromWaitStatus(int pid, int waitStatus, DateTimeOffset exitedAt)
    {
        int termSignal = waitStatus & 0x7f;
        int status = termSignal == 0 ? (waitStatus >> 8) & 0xff : SignalOffset + termSignal;
        return new ProcessExit(pid, status, exitedAt);
    }
}
