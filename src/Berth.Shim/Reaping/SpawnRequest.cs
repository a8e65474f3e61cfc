using Berth.Shim.Interop;

namespace Berth.Shim.Reaping;

/// <summary>
/// A program to start: <paramref name="Program"/> is looked up in PATH unless it holds a slash. Null stdio goes to
/// /dev/null; <see cref="ExtraFiles"/> become descriptors 3, 4, … of the child.
/// </summary>
internal sealed record SpawnRequest(string Program, IReadOnlyList<string> Arguments)
{
    public FileDescriptor? Stdin { get; init; }

    public FileDescriptor? Stdout { get; init; }

    public FileDescriptor? Stderr { get; init; }

    public IReadOnlyList<FileDescriptor> ExtraFiles { get; init; } = [];

    /// <summary>Whether the child starts a session of its own (setsid), away from the spawner's process group and terminal.</summary>
    public bool NewSession { get; init; }

    /// <summary>The whole environment of the child; null inherits the shim's, without NOTIFY_SOCKET (runc treats it specially).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}

/// <summary>A child the reaper watches.</summary>
internal sealed record ChildProcess(int Pid, Task<ProcessExit> Exited);
