using Berth.Client;
using Berth.Core.Engine;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

public static partial class ContainerOperations
{
    /// <summary>
    /// `docker attach`: joins the user's console to a running container as run does (stdin unless --no-stdin, when the
    /// container keeps one open; signals passed on to a container without a terminal), until its output ends, then
    /// returns its exit code; a detach leaves it running and gives 1, as docker 28 does. The engine attaches to a
    /// container in any state, so the states docker's CLI refuses are checked here first, in its words.
    /// </summary>
    public static async Task<int> AttachAsync(IBerthClient client, ContainerAttachOptions options, CancellationToken cancellationToken)
    {
        var console = options.Console;
        var keys = EscapeKeys(options.DetachKeys);
        var details = await client.Engine.InspectAsync(options.Container, cancellationToken);
        string? refusal = details.State.Status switch
        {
            ContainerStatus.Running => null,
            ContainerStatus.Paused => "You cannot attach to a paused container, unpause it first",
            ContainerStatus.Restarting => "You cannot attach to a restarting container, wait until it is running",
            _ => "You cannot attach to a stopped container, start it first",
        };
        if (refusal is not null)
        {
            throw new ClientException(refusal);
        }

        bool tty = details.Request.Spec.Tty;
        if (tty && !options.NoStdin && !console.StdinIsTerminal)
        {
            throw new ClientException("the input device is not a TTY");
        }

        bool stdin = !options.NoStdin && details.Request.OpenStdin;
        var attachment = await client.Engine.AttachAsync(details.Id, new AttachStreams(stdin, Stdout: true, Stderr: true), cancellationToken);
        await using (attachment)
        {
            // docker passes signals on only to a container without a terminal: with one, keys reach it as bytes.
            var session = new AttachSession(client.Engine, details.Id, attachment, console)
            {
                Stdin = stdin,
                ProxySignals = options.SigProxy && !tty,
                Keys = keys,
            };
            if (await session.RunAsync(cancellationToken))
            {
                return await DetachedAsync(console, cancellationToken);
            }
        }

        // Asked once the output is over: the container has stopped by then (an --rm one is gone, and its exit is kept
        // for a wait on its removal).
        var condition = details.Request.AutoRemove ? WaitCondition.Removed : WaitCondition.NotRunning;
        return await ExitCodeAsync(client.Engine.WaitAsync(details.Id, condition, CancellationToken.None).AsTask(), console.Error);
    }

    // docker's attach and exec (not run) report a detach as the error it is to their stream: a line and exit code 1.
    private static async Task<int> DetachedAsync(IContainerConsole console, CancellationToken cancellationToken)
    {
        await console.Error.WriteLineAsync("read escape sequence".AsMemory(), cancellationToken);
        return 1;
    }
}
