using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

public static partial class ContainerOperations
{
    /// <summary>
    /// `docker start`: without -a or -i, starts each container and prints its name, then fails naming those that did
    /// not start. With -a (or -i) it attaches to the one container before starting it, as run does, and returns the
    /// container's exit code.
    /// </summary>
    public static async Task<int> StartAsync(IBerthClient client, ContainerStartOptions options, CancellationToken cancellationToken)
    {
        var console = options.Console;
        if (!options.Attach && !options.Interactive)
        {
            var failed = new List<string>();
            foreach (string name in options.Containers)
            {
                try
                {
                    await client.Engine.StartAsync(name, cancellationToken);
                    await console.Out.WriteLineAsync(name.AsMemory(), cancellationToken);
                }
                catch (BerthException ex)
                {
                    await console.Error.WriteLineAsync($"Error response from daemon: {ex.Message}".AsMemory(), cancellationToken);
                    failed.Add(name);
                }
            }

            return failed.Count == 0 ? 0 : throw new ClientException($"Error: failed to start containers: {string.Join(", ", failed)}");
        }

        if (options.Containers.Count > 1)
        {
            throw new ClientException("Error: you cannot start and attach multiple containers at once");
        }

        var keys = DetachKeys.Parse(options.DetachKeys);
        var details = await client.Engine.InspectAsync(options.Containers[0], cancellationToken);
        bool stdin = options.Interactive && details.Request.OpenStdin;
        var attachment = await client.Engine.AttachAsync(details.Id, new AttachStreams(stdin, Stdout: true, Stderr: true), cancellationToken);
        await using (attachment)
        {
            await client.Engine.StartAsync(details.Id, cancellationToken);
            // Once started: "not running" gives this run's exit whether it is over already or not.
            var condition = details.Request.AutoRemove ? WaitCondition.Removed : WaitCondition.NotRunning;
            var exit = client.Engine.WaitAsync(details.Id, condition, CancellationToken.None).AsTask();
            // docker passes signals on only to a container without a terminal: with one, keys reach it as bytes.
            var session = new AttachSession(client.Engine, details.Id, attachment, console)
            {
                Stdin = stdin,
                ProxySignals = !details.Request.Spec.Tty,
                Keys = keys,
            };
            return await session.RunAsync(cancellationToken) ? 0 : await ExitCodeAsync(exit, console.Error);
        }
    }
}
