namespace Berth.Shim.Runtime;

/// <summary>
/// One OCI runtime as the shim drives it: <paramref name="Binary"/> (runc or crun, same command line),
/// <paramref name="Root"/> (its state folder, one per namespace) and <paramref name="LogPath"/> (its JSON log,
/// where the message of a failure is read).
/// </summary>
internal sealed record OciRuntimeOptions(string Binary, string Root, string LogPath)
{
    /// <summary>Runs the runtime with --no-pivot on create (a rootfs on a ramdisk cannot pivot_root).</summary>
    public bool NoPivotRoot { get; init; }

    /// <summary>Runs the runtime with --no-new-keyring on create.</summary>
    public bool NoNewKeyring { get; init; }

    /// <summary>Passes --systemd-cgroup.</summary>
    public bool SystemdCgroup { get; init; }
}

/// <summary>The descriptors a runtime command runs with; null is /dev/null.</summary>
internal sealed record RuntimeIO(Interop.FileDescriptor? Stdin, Interop.FileDescriptor? Stdout, Interop.FileDescriptor? Stderr);

/// <summary>What <c>runtime state</c> says of a container.</summary>
/// <param name="Status">created, running, paused or stopped.</param>
internal sealed record RuntimeState(string Id, int Pid, string Status, string Bundle);
