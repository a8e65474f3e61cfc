using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Berth.Core.Errors;

namespace Berth.Shim.Cli;

/// <summary>
/// <c>start</c>: starts the serving shim of a task in a session of its own (so that it outlives the daemon and the
/// daemon's terminal), waits until its socket answers, writes the address into the bundle and prints it.
/// </summary>
internal static class StartAction
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The socket of a task's shim: one per daemon, namespace and id, under <c>/run/berth/s</c> (short enough for sun_path).</summary>
    public static string SocketPath(ShimArguments arguments)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{arguments.Address}/{arguments.Namespace}/{arguments.Id}"));
        return Path.Join("/run/berth/s", Convert.ToHexStringLower(hash));
    }

    public static async Task<string> RunAsync(ShimArguments arguments, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        string socket = SocketPath(arguments);
        string address = "unix://" + socket;
        if (!await AnswersAsync(socket, cancellationToken))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(socket)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.Delete(socket);
            Spawn([.. args.Take(args.Count - 1), "-socket", socket]);
            await WaitUntilAnswersAsync(socket, cancellationToken);
        }

        await File.WriteAllTextAsync("address", address, cancellationToken);
        return address;
    }

    // setsid(1) puts the server in a new session: a signal to the daemon's process group does not reach it. Its stdio is
    // not the daemon's pipe (the daemon reads this process's output to its end); it logs to the bundle's log FIFO.
    private static void Spawn(IReadOnlyList<string> serverArguments)
    {
        var start = new ProcessStartInfo("/usr/bin/setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Environment.ProcessPath ?? "berth-shim");
        foreach (string argument in serverArguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var server = Process.Start(start) ?? throw new UnavailableException("could not start the serving berth-shim");
        server.StandardInput.Close();
    }

    private static async Task WaitUntilAnswersAsync(string socket, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!await AnswersAsync(socket, cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new UnavailableException($"berth-shim did not listen on {socket} within {ReadyTimeout.TotalSeconds} s: see the bundle's log");
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    /// <summary>Whether a shim listens on <paramref name="socket"/>.</summary>
    internal static async Task<bool> AnswersAsync(string socket, CancellationToken cancellationToken)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
