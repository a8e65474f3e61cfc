using System.Runtime.InteropServices;

namespace Berth.Shim.Interop;

/// <summary>posix_spawn(3): the shim starts the runtime and logging binaries with it, never with fork in managed code.</summary>
internal static unsafe partial class Libc
{
    internal const short SpawnSetSignalDefault = 0x04;
    internal const short SpawnSetSignalMask = 0x08;
    internal const short SpawnSetSid = 0x80;

    // glibc's posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128; these leave room to spare.
    internal const int SpawnFileActionsSize = 256;
    internal const int SpawnAttributesSize = 1024;
    internal const int SignalSetSize = 256;

    [LibraryImport("libc", EntryPoint = "posix_spawnp")]
    internal static partial int PosixSpawnP(int* pid, byte* file, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    internal static partial int SpawnFileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    internal static partial int SpawnFileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    internal static partial int SpawnFileActionsAddDup2(void* actions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    internal static partial int SpawnAttributesInit(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    internal static partial int SpawnAttributesDestroy(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    internal static partial int SpawnAttributesSetFlags(void* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    internal static partial int SpawnAttributesSetSignalMask(void* attributes, void* mask);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    internal static partial int SpawnAttributesSetSignalDefault(void* attributes, void* set);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    internal static partial int SignalSetEmpty(void* set);

    [LibraryImport("libc", EntryPoint = "sigfillset")]
    internal static partial int SignalSetFill(void* set);
}
