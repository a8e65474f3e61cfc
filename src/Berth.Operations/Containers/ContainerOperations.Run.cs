using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

public static partial class ContainerOperations
{
    /// <summary>
    /// `docker run`: create (pulling the image when missing), then with -d start and print the id; otherwise attach
    /// before the start so no output is missed, stream until the container's output ends, and return its exit code.
    /// berth's and the daemon's failures are printed here as docker prints them and give 125 (126 or 127 when the
    /// command cannot be run or found); a detach gives 0 and leaves the container running.
    /// </summary>
    public static async Task<int> RunAsync(IBerthClient client, ContainerRunOptions options, CancellationToken cancellationToken)
    {
        var console = options.Console;
        var flags = options.Flags;
        string id;
        DetachKeys keys;
        AttachStreams streams;
        try
        {
            var request = Request(options);
            keys = DetachKeys.Parse(options.DetachKeys);
            streams = Streams(options);
            if (!options.Detach && flags.Tty && flags.Interactive && !console.StdinIsTerminal)
            {
                await console.Error.WriteLineAsync("the input device is not a TTY".AsMemory(), cancellationToken);
                return 1;
            }

            id = await CreateWithPullAsync(client, request, options, cancellationToken);
        }
        catch (ClientException ex)
        {
            await console.Error.WriteLineAsync(ex.Message.StartsWith("berth: ", StringComparison.Ordinal) ? ex.Message : Usage(options, ex.Message));
            return ExitStatus.Failed;
        }
        catch (BerthException ex)
        {
            return await DaemonErrorAsync(options, ex, ExitStatus.Failed);
        }

        if (options.Detach)
        {
            await console.Out.WriteLineAsync(id.AsMemory(), cancellationToken);
            return await StartOrReportAsync(client, id, options, cancellationToken) ?? 0;
        }

        var attachment = await client.Engine.AttachAsync(id, streams, cancellationToken);
        await using (attachment)
        {
            if (await StartOrReportAsync(client, id, options, cancellationToken) is { } failed)
            {
                return failed;
            }

            // Asked once started: "not running" answers with the run's exit whether it is over already or not, and the
            // engine remembers the exit of an --rm container it has removed.
            var exit = client.Engine.WaitAsync(id, flags.AutoRemove ? WaitCondition.Removed : WaitCondition.NotRunning, CancellationToken.None).AsTask();

            var session = new AttachSession(client.Engine, id, attachment, console) { Stdin = flags.Interactive, ProxySignals = options.SigProxy, Keys = keys };
            if (await session.RunAsync(cancellationToken))
            {
                return 0;
            }

            return await ExitCodeAsync(exit, console.Error);
        }
    }

    // Starts the container; on failure prints the daemon's words and gives docker's code for them (the engine has removed
    // an --rm container by then).
    private static async Task<int?> StartOrReportAsync(IBerthClient client, string id, ContainerRunOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await client.Engine.StartAsync(id, cancellationToken);
            return null;
        }
        catch (BerthException ex)
        {
            return await DaemonErrorAsync(options, ex, ExitStatus.OfStartFailure(ex.Message));
        }
    }

    // -a: docker attaches stdout and stderr unless told which; stdin comes with -i.
    private static AttachStreams Streams(ContainerRunOptions options)
    {
        if (options.Detach && options.Attach.Count > 0)
        {
            throw new ClientException("conflicting options: cannot specify both --attach and --detach", ExitStatus.Failed);
        }

        var named = options.Attach.Select(a => a.ToLowerInvariant()).ToList();
        string? bad = named.FirstOrDefault(a => a is not ("stdin" or "stdout" or "stderr"));
        return bad is not null
            ? throw FlagValues.Invalid(bad, "-a, --attach", "valid streams are STDIN, STDOUT and STDERR")
            : new AttachStreams(options.Flags.Interactive, named.Count == 0 || named.Contains("stdout"), named.Count == 0 || named.Contains("stderr"));
    }

    private static async Task<int> DaemonErrorAsync(ContainerRunOptions options, BerthException ex, int code)
    {
        // No daemon answered: nothing came from it to quote.
        bool unreachable = ex is UnavailableException { InnerException: Grpc.Core.RpcException { Status.DebugException: HttpRequestException } };
        await options.Console.Error.WriteLineAsync(Usage(options, unreachable ? ex.Message : $"Error response from daemon: {ex.Message}"));
        return code;
    }

    /// <summary>The container's exit code once the wait answers; 125 when the wait failed, as docker's CLI.</summary>
    private static async Task<int> ExitCodeAsync(Task<ContainerExit> exit, TextWriter error)
    {
        try
        {
            var result = await exit;
            if (!string.IsNullOrEmpty(result.Error))
            {
                await error.WriteLineAsync($"Error waiting for container: {result.Error}");
                return ExitStatus.Failed;
            }

            return result.ExitCode;
        }
        catch (BerthException ex)
        {
            await error.WriteLineAsync($"Error waiting for container: {ex.Message}");
            return ExitStatus.Failed;
        }
    }
}
