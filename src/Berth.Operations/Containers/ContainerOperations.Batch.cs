using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;

namespace Berth.Operations.Containers;

public static partial class ContainerOperations
{
    /// <summary>`docker stop`: each container's stop signal, then SIGKILL after the timeout; prints each name stopped.</summary>
    public static Task<int> StopAsync(IBerthClient client, ContainerBatchOptions options, CancellationToken cancellationToken)
        => EachAsync(options, async name =>
        {
            await client.Engine.StopAsync(name, options.Timeout, options.Signal, cancellationToken);
            return name;
        });

    /// <summary>`docker kill`: a signal (KILL by default) to each running container.</summary>
    public static Task<int> KillAsync(IBerthClient client, ContainerBatchOptions options, CancellationToken cancellationToken)
        => EachAsync(options, async name =>
        {
            await client.Engine.KillAsync(name, string.IsNullOrEmpty(options.Signal) ? "KILL" : options.Signal, cancellationToken);
            return name;
        });

    /// <summary>`docker restart`: stop (with the timeout), then start; one container after the other, as docker.</summary>
    public static async Task<int> RestartAsync(IBerthClient client, ContainerBatchOptions options, CancellationToken cancellationToken)
    {
        int failures = 0;
        foreach (string name in options.Containers)
        {
            failures += await ReportAsync(options, name, async () =>
            {
                await client.Engine.RestartAsync(name, options.Timeout, options.Signal, cancellationToken);
                return name;
            });
        }

        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// `docker rm`: with -f a running container is killed first, and one that does not exist is no error; with -v its
    /// anonymous volumes go with it.
    /// </summary>
    public static Task<int> RemoveAsync(IBerthClient client, ContainerBatchOptions options, CancellationToken cancellationToken)
        => EachAsync(options, async name =>
        {
            string bare = name.Trim('/');
            if (bare.Length == 0)
            {
                throw new InvalidArgumentException("container name cannot be empty");
            }

            try
            {
                await client.Engine.RemoveAsync(bare, options.Force, options.Volumes, cancellationToken);
            }
            catch (NotFoundException) when (options.Force)
            {
                return null;
            }

            return name;
        });

    /// <summary>`docker wait`: blocks until each container stops, printing its exit code.</summary>
    public static Task<int> WaitAsync(IBerthClient client, ContainerBatchOptions options, CancellationToken cancellationToken)
        => EachAsync(options, async name =>
        {
            var exit = await client.Engine.WaitAsync(name, WaitCondition.NotRunning, cancellationToken);
            return exit.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });

    // The verb runs on every container at once (as docker's CLI does, so that ten stops take one timeout, not ten),
    // and the results are reported in the order given: a line on stdout, or the daemon's error on stderr.
    private static async Task<int> EachAsync(ContainerBatchOptions options, Func<string, Task<string?>> verb)
    {
        var running = options.Containers.Select(name => (Name: name, Task: verb(name))).ToList();
        int failures = 0;
        foreach (var (name, task) in running)
        {
            failures += await ReportAsync(options, name, () => task);
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> ReportAsync(ContainerBatchOptions options, string name, Func<Task<string?>> verb)
    {
        try
        {
            if (await verb() is { } line)
            {
                await options.Stdout.WriteLineAsync(line);
            }

            return 0;
        }
        catch (BerthException ex)
        {
            await options.Stderr.WriteLineAsync($"Error response from daemon: {ex.Message}");
            return 1;
        }
    }
}
