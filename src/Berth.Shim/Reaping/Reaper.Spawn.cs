using System.Collections;
using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Shim.Interop;

namespace Berth.Shim.Reaping;

internal sealed partial class Reaper
{
    // Descriptors handed down are first duplicated at or above this number, so that placing them at 0, 1, 2, 3…
    // in the child never overwrites a source not yet placed.
    private const int HighDescriptor = 64;

    /// <summary>
    /// Starts a program with posix_spawn (signal mask cleared, every signal back to its default disposition: .NET
    /// ignores SIGPIPE, which a child would otherwise inherit). The child is registered before the reaper can see
    /// its exit.
    /// </summary>
    public ChildProcess Spawn(SpawnRequest request)
    {
        ChildProcess? child = null;
        Launch(request, spawn =>
        {
            lock (_lock)
            {
                int pid = spawn();
                var waiter = new TaskCompletionSource<ProcessExit>(TaskCreationOptions.RunContinuationsAsynchronously);
                _unclaimed.Remove(pid);
                _waiters[pid] = waiter;
                child = new ChildProcess(pid, waiter.Task);
            }
        });
        return child!;
    }

    /// <summary>Starts a program that nobody in this process waits for (the serving shim, which outlives its starter).</summary>
    public static int SpawnDetached(SpawnRequest request)
    {
        int pid = 0;
        Launch(request, spawn => pid = spawn());
        return pid;
    }

    // Prepares the child's descriptors, signals and strings, then hands the posix_spawn call to `around`, which makes it
    // (under the reaper's lock, for a child it waits for).
    private static unsafe void Launch(SpawnRequest request, Action<Func<int>> around)
    {
        var sources = new List<(FileDescriptor? Source, int Target)>
        {
            (request.Stdin, 0), (request.Stdout, 1), (request.Stderr, 2),
        };
        sources.AddRange(request.ExtraFiles.Select((fd, i) => ((FileDescriptor?)fd, i + 3)));

        using var devNull = FileDescriptor.Open("/dev/null", Libc.OReadWrite);
        var copies = new List<FileDescriptor>();
        var strings = new List<nint>();
        byte* actions = stackalloc byte[Libc.SpawnFileActionsSize];
        byte* attributes = stackalloc byte[Libc.SpawnAttributesSize];
        byte* emptySet = stackalloc byte[Libc.SignalSetSize];
        byte* fullSet = stackalloc byte[Libc.SignalSetSize];
        Check(Libc.SpawnFileActionsInit(actions), "SpawnFileActionsInit");
        Check(Libc.SpawnAttributesInit(attributes), "SpawnAttributesInit");
        try
        {
            foreach (var (source, target) in sources)
            {
                var copy = Duplicate(source ?? devNull);
                copies.Add(copy);
                Check(Libc.SpawnFileActionsAddDup2(actions, copy.Number, target), "SpawnFileActionsAddDup2");
            }

            Check(Libc.SignalSetEmpty(emptySet), "SignalSetEmpty");
            Check(Libc.SignalSetFill(fullSet), "SignalSetFill");
            Check(Libc.SpawnAttributesSetSignalMask(attributes, emptySet), "SpawnAttributesSetSignalMask");
            Check(Libc.SpawnAttributesSetSignalDefault(attributes, fullSet), "SpawnAttributesSetSignalDefault");
            short flags = (short)(Libc.SpawnSetSignalDefault | Libc.SpawnSetSignalMask | (request.NewSession ? Libc.SpawnSetSid : 0));
            Check(Libc.SpawnAttributesSetFlags(attributes, flags), "SpawnAttributesSetFlags");

            nint argv = (nint)ToNullTerminated([request.Program, .. request.Arguments], strings);
            nint envp = (nint)ToNullTerminated(EnvironmentOf(request), strings);
            nint file = Marshal.StringToCoTaskMemUTF8(request.Program);
            strings.Add(file);
            nint actionsAt = (nint)actions;
            nint attributesAt = (nint)attributes;
            around(() =>
            {
                int pid;
                int error = Libc.PosixSpawnP(&pid, (byte*)file, (void*)actionsAt, (void*)attributesAt, (byte**)argv, (byte**)envp);
                return error == 0 ? pid
                    : throw new InternalException($"start {request.Program}: {Marshal.GetPInvokeErrorMessage(error)} (errno {error}): check that it is installed and in PATH");
            });
        }
        finally
        {
            _ = Libc.SpawnFileActionsDestroy(actions);
            _ = Libc.SpawnAttributesDestroy(attributes);
            copies.ForEach(c => c.Dispose());
            strings.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new InternalException($"{call} failed with error {result} while starting a child process");
        }
    }

    private static FileDescriptor Duplicate(FileDescriptor source)
    {
        int fd = Libc.Fcntl(source.Number, Libc.FDupFdCloexec, HighDescriptor);
        return fd < 0 ? throw source.Failure("fcntl F_DUPFD_CLOEXEC") : new FileDescriptor(fd);
    }

    private static unsafe byte** ToNullTerminated(List<string> values, List<nint> allocations)
    {
        var array = (byte**)Marshal.AllocCoTaskMem((values.Count + 1) * sizeof(nint));
        allocations.Add((nint)array);
        for (int i = 0; i < values.Count; i++)
        {
            array[i] = (byte*)Marshal.StringToCoTaskMemUTF8(values[i]);
            allocations.Add((nint)array[i]);
        }

        array[values.Count] = null;
        return array;
    }

    private static List<string> EnvironmentOf(SpawnRequest request)
    {
        if (request.Environment is { } environment)
        {
            return [.. environment.Select(e => $"{e.Key}={e.Value}")];
        }

        var inherited = new List<string>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if ((string)entry.Key != "NOTIFY_SOCKET")
            {
                inherited.Add($"{entry.Key}={entry.Value}");
            }
        }

        return inherited;
    }
}
