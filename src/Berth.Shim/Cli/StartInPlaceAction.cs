using System.Text;
using Berth.Shim.Interop;
using Berth.Shim.Memory;
using Berth.Ttrpc.Tasks;

namespace Berth.Shim.Cli;

/// <summary>
/// berthd's <c>start</c> (<see cref="ShimStartMode"/>): this process binds the task's socket, prints the address and
/// then becomes the serving shim, in a session of its own with /dev/null for stdio. The daemon reads the output to its
/// end (which comes when stdio is replaced) and does not wait for an exit; it reaps this process when it ends. That
/// spares each container a second start of the runtime (~9 ms of a `ctr run`, bench/run.sh).
/// </summary>
internal static class StartInPlaceAction
{
    public static bool Requested => Environment.GetEnvironmentVariable(ShimStartMode.ServeInPlaceVariable) == "1";

    public static async Task<int> RunAsync(ShimArguments arguments)
    {
        var (socket, listening) = StartAction.Claim(arguments);
        using var stdout = new FileDescriptor(1, ownsHandle: false);
        // Straight to descriptor 1: .NET's Console writes through a duplicate of it, which would keep the daemon's pipe
        // open (and its read waiting) after stdio is replaced.
        byte[] address = Encoding.UTF8.GetBytes("unix://" + socket);
        if (listening is null)
        {
            // A shim already serves this task (a repeated start): hand its address back, as the spawning start does.
            stdout.WriteAll(address);
            return 0;
        }

        // Out of the daemon's session first (a signal to its process group must not reach the shim), then the address,
        // then stdio to /dev/null: the daemon's reads of stdout and stderr end there.
        _ = Libc.SetSid();
        stdout.WriteAll(address);
        DetachStdio();

        // The server takes the descriptor over (and removes the socket file when it stops serving).
        int fd = listening.Number;
        listening.SetHandleAsInvalid();
        using (IdleTrimmer.Start())
        {
            return await ServeAction.RunAsync(arguments with { Socket = socket, ListenFd = fd });
        }
    }

    // Every descriptor on the objects stdio was (the daemon's pipes) is pointed at /dev/null: 0, 1, 2 and the copies
    // the runtime may hold (CoreCLR duplicates stdio at start-up; Native AOT does not), so that the daemon sees the end.
    private static void DetachStdio()
    {
        var stdio = new HashSet<string>(StringComparer.Ordinal);
        for (int fd = 0; fd <= 2; fd++)
        {
            if (Target(fd) is { } target)
            {
                stdio.Add(target);
            }
        }

        using var devNull = FileDescriptor.Open("/dev/null", Libc.OReadWrite);
        var replaced = new List<int> { 0, 1, 2 };
        foreach (string entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), out int fd) && fd > 2 && fd != devNull.Number
                && Target(fd) is { } target && stdio.Contains(target))
            {
                replaced.Add(fd);
            }
        }

        foreach (int fd in replaced)
        {
            if (Libc.Dup2(devNull.Number, fd) < 0)
            {
                throw devNull.Failure("dup2");
            }
        }
    }

    private static string? Target(int fd) => new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
}
