using System.IO.Hashing;
using System.Text;
using Berth.Shim.Interop;
using Berth.Shim.Reaping;

namespace Berth.Shim.Cli;

/// <summary>
/// <c>start</c>: starts the serving shim of a task in a session of its own (so that it outlives the daemon and the
/// daemon's terminal) on a socket that already listens, writes the address into the bundle and prints it.
/// </summary>
internal static class StartAction
{
    /// <summary>The socket of a task's shim: one per daemon, namespace and id, under <c>/run/berth/s</c> (short enough for sun_path).</summary>
    public static string SocketPath(ShimArguments arguments)
    {
        // XxHash128 rather than SHA-256: .NET's SHA-256 loads OpenSSL, a tenth of this process's run; the name needs no
        // cryptographic strength, only to differ between daemons, namespaces and ids.
        byte[] hash = XxHash128.Hash(Encoding.UTF8.GetBytes($"{arguments.Address}/{arguments.Namespace}/{arguments.Id}"));
        return Path.Join("/run/berth/s", Convert.ToHexStringLower(hash));
    }

    // Synchronous throughout: a process that lives a few milliseconds should not start thread-pool threads.
    public static string Run(ShimArguments arguments, IReadOnlyList<string> args)
    {
        var (socket, listening) = Claim(arguments);
        if (listening is not null)
        {
            using (listening)
            {
                Spawn([.. args.Take(args.Count - 1), "-socket", socket, "-listen-fd", "3"], listening);
            }
        }

        return "unix://" + socket;
    }

    /// <summary>
    /// The task's socket path, listening, with its address written into the bundle; no listening socket when a shim
    /// already answers there (a repeated start), whose address is handed back as it is.
    /// </summary>
    internal static (string Socket, FileDescriptor? Listening) Claim(ShimArguments arguments)
    {
        string socket = SocketPath(arguments);
        FileDescriptor? listening = null;
        if (!Answers(socket))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(socket)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.Delete(socket);
            listening = UnixSocket.Listen(socket, backlog: 128);
        }

        File.WriteAllText("address", "unix://" + socket);
        return (socket, listening);
    }

    // The socket listens before the server exists, so the daemon may connect as soon as this prints the address: its
    // connection waits in the backlog until the server, which inherits the socket as descriptor 3, accepts it. The server
    // runs in a session of its own (a signal to the daemon's process group does not reach it), with /dev/null for stdio:
    // it logs to the bundle's log FIFO, and the daemon reads this process's output to its end.
    private static void Spawn(IReadOnlyList<string> serverArguments, FileDescriptor listening)
    {
        // The spawn hands the child its own copy of the descriptor; this process exits right after, closing its copy.
        Reaper.SpawnDetached(new SpawnRequest(Environment.ProcessPath ?? "berth-shim", serverArguments)
        {
            ExtraFiles = [listening],
            NewSession = true,
        });
    }

    /// <summary>Whether a shim listens on <paramref name="socket"/>.</summary>
    internal static bool Answers(string socket)
    {
        // No file, no shim: the usual case is answered without a connect that fails.
        return Path.Exists(socket) && UnixSocket.Answers(socket);
    }
}
