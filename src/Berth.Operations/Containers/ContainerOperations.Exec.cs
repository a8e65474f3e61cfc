using System.Text;
using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

public static partial class ContainerOperations
{
    /// <summary>
    /// `docker exec`: starts the command in a running container and streams its stdio as run does (no signals passed
    /// on, as docker's exec passes none), then returns its exit code. -d returns as soon as it started. A refusal about
    /// the container (missing, not running, paused) is thrown for the caller to print as the daemon's (exit 1); a
    /// command that could not start is reported on stdout with exit code 126, as dockerd reports it inside the stream.
    /// </summary>
    public static async Task<int> ExecAsync(IBerthClient client, ContainerExecOptions options, CancellationToken cancellationToken)
    {
        var console = options.Console;
        var request = ExecRequestOf(options);
        var keys = EscapeKeys(options.DetachKeys);
        if (options.Detach)
        {
            var started = await client.Engine.ExecAsync(options.Container, request, cancellationToken);
            await started.DisposeAsync();
            return 0;
        }

        if (options.Tty && options.Interactive && !console.StdinIsTerminal)
        {
            throw new ClientException("the input device is not a TTY");
        }

        IExecSession session;
        try
        {
            session = await client.Engine.ExecAsync(options.Container, request, cancellationToken);
        }
        catch (BerthException ex) when (!IsContainerRefusal(ex))
        {
            // dockerd's line ends in \r\n on the wire; a terminal not yet raw adds its own \r.
            string end = console.StdoutIsTerminal ? "\n" : "\r\n";
            await console.Stdout.WriteAsync(Encoding.UTF8.GetBytes(ex.Message + end), cancellationToken);
            await console.Stdout.FlushAsync(cancellationToken);
            return ExitStatus.CannotInvoke;
        }

        await using (session)
        {
            var attached = new AttachSession(client.Engine, options.Container, session, console) { Stdin = options.Interactive, Keys = keys };
            if (await attached.RunAsync(cancellationToken))
            {
                return await DetachedAsync(console, cancellationToken);
            }

            return await session.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The engine's request for the flags: env files, then -e, as docker merges them.</summary>
    private static ExecRequest ExecRequestOf(ContainerExecOptions options)
    {
        var host = options.Host ?? FlagHost.Current;
        var env = new List<string>();
        foreach (string file in options.EnvFiles)
        {
            try
            {
                env.AddRange(EnvFile.Read(file, host.Lookup));
            }
            catch (BerthException ex)
            {
                // docker's exec reports an unusable env file bare, with exit code 1 (run's is a usage error).
                throw new ClientException(ex.Message);
            }
        }

        try
        {
            ContainerRequest.AddEnv(env, options.Env, host);
        }
        catch (ClientException ex)
        {
            throw new ClientException($"berth: {ex.Message}\nSee 'berth exec --help'.", ExitStatus.Failed);
        }

        return new ExecRequest(options.Command)
        {
            Env = env,
            User = options.User,
            WorkingDir = options.WorkingDir,
            Tty = options.Tty,
            Stdin = options.Interactive && !options.Detach,
            Privileged = options.Privileged,
        };
    }

    // exec and attach leave the detach keys to dockerd, which refuses unknown ones in its own words.
    private static DetachKeys EscapeKeys(string? text)
    {
        try
        {
            return DetachKeys.Parse(text);
        }
        catch (ClientException)
        {
            throw new ClientException($"Error response from daemon: Invalid escape keys ({text}) provided");
        }
    }

    // What dockerd refuses when the exec is created (exit 1); anything after that is the command failing to start.
    private static bool IsContainerRefusal(BerthException ex)
        => ex is FailedPreconditionException or UnavailableException
            || (ex is NotFoundException && ex.Message.StartsWith("No such container", StringComparison.Ordinal))
            || (ex is InvalidArgumentException && ex.Message.StartsWith("No exec command", StringComparison.Ordinal));
}
