using System.CommandLine;
using Berth.Operations.Containers;

namespace Berth.Cli.Commands;

/// <summary>`start`, `stop`, `kill`, `restart`, `rm`, `wait`, `pause` and `unpause`, at the top and under `berth container`.</summary>
internal static class LifecycleCommands
{
    public static Command Start()
    {
        var attach = new Option<bool>("--attach", "-a") { Description = "Attach STDOUT/STDERR and forward signals" };
        var interactive = new Option<bool>("--interactive", "-i") { Description = "Attach container's STDIN" };
        var detachKeys = new Option<string>("--detach-keys") { Description = "Override the key sequence for detaching a container" };
        var containers = Containers();
        var command = new Command("start", "Start one or more stopped containers") { attach, interactive, detachKeys, containers };
        RunCommand.HandleSignals(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            return await ContainerOperations.StartAsync(client, new ContainerStartOptions
            {
                Containers = parsed.GetValue(containers)!,
                Attach = parsed.GetValue(attach),
                Interactive = parsed.GetValue(interactive),
                DetachKeys = parsed.GetValue(detachKeys),
                Console = SystemConsole.Create(),
            }, cancellationToken);
        });
        return command;
    }

    public static Command Stop() => Batch("stop", "Stop one or more running containers", timeout: true, signal: "Signal to send to the container",
        ContainerOperations.StopAsync);

    public static Command Kill() => Batch("kill", "Kill one or more running containers", timeout: false, signal: "Signal to send to the container (default \"KILL\")",
        ContainerOperations.KillAsync);

    public static Command Restart() => Batch("restart", "Restart one or more containers", timeout: true, signal: "Signal to send to the container",
        ContainerOperations.RestartAsync);

    public static Command Wait() => Batch("wait", "Block until one or more containers stop, then print their exit codes", timeout: false, signal: null,
        ContainerOperations.WaitAsync);

    public static Command Pause() => Batch("pause", "Pause all processes within one or more containers", timeout: false, signal: null,
        ContainerOperations.PauseAsync);

    public static Command Unpause() => Batch("unpause", "Unpause all processes within one or more containers", timeout: false, signal: null,
        ContainerOperations.UnpauseAsync);

    public static Command Remove(string name, params string[] aliases)
    {
        var force = new Option<bool>("--force", "-f") { Description = "Force the removal of a running container (uses SIGKILL)" };
        var volumes = new Option<bool>("--volumes", "-v") { Description = "Remove anonymous volumes associated with the container" };
        var command = Batch(name, "Remove one or more containers", timeout: false, signal: null, ContainerOperations.RemoveAsync, force, volumes);
        foreach (string alias in aliases)
        {
            command.Aliases.Add(alias);
        }

        return command;
    }

    private static Command Batch(string name, string description, bool timeout, string? signal,
        Func<Client.IBerthClient, ContainerBatchOptions, CancellationToken, Task<int>> verb, Option<bool>? force = null, Option<bool>? volumes = null)
    {
        var time = new Option<int?>("--timeout", "--time", "-t") { Description = "Seconds to wait before killing the container" };
        var signalOption = new Option<string>("--signal", "-s") { Description = signal };
        var containers = Containers();
        var command = new Command(name, description) { containers };
        if (timeout)
        {
            command.Options.Add(time);
        }

        if (signal is not null)
        {
            command.Options.Add(signalOption);
        }

        if (force is not null)
        {
            command.Options.Add(force);
        }

        if (volumes is not null)
        {
            command.Options.Add(volumes);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            return await verb(client, new ContainerBatchOptions
            {
                Containers = parsed.GetValue(containers)!,
                Timeout = timeout ? parsed.GetValue(time) : null,
                Signal = signal is null ? null : parsed.GetValue(signalOption),
                Force = force is not null && parsed.GetValue(force),
                Volumes = volumes is not null && parsed.GetValue(volumes),
                Stdout = Console.Out,
                Stderr = Console.Error,
            }, cancellationToken);
        });
        return command;
    }

    private static Argument<string[]> Containers() => new("CONTAINER") { Arity = ArgumentArity.OneOrMore };
}
