using System.CommandLine;
using Berth.Operations.Containers;

namespace Berth.Cli.Commands;

/// <summary>`exec` and `attach`, at the top and under `berth container`.</summary>
internal static class ExecAttachCommands
{
    public static Command Exec()
    {
        var detach = new Option<bool>("--detach", "-d") { Description = "Detached mode: run command in the background" };
        var interactive = new Option<bool>("--interactive", "-i") { Description = "Keep STDIN open even if not attached" };
        var tty = new Option<bool>("--tty", "-t") { Description = "Allocate a pseudo-TTY" };
        var env = new Option<string[]>("--env", "-e") { Description = "Set environment variables" };
        var envFile = new Option<string[]>("--env-file") { Description = "Read in a file of environment variables" };
        var user = new Option<string>("--user", "-u") { Description = "Username or UID (format: \"<name|uid>[:<group|gid>]\")" };
        var workdir = new Option<string>("--workdir", "-w") { Description = "Working directory inside the container" };
        var privileged = new Option<bool>("--privileged") { Description = "Give extended privileges to the command" };
        var detachKeys = new Option<string>("--detach-keys") { Description = "Override the key sequence for detaching a container" };
        var container = new Argument<string>("CONTAINER");
        var command = new Argument<string[]>("COMMAND") { Arity = ArgumentArity.OneOrMore };
        var exec = new Command("exec", "Execute a command in a running container")
        {
            detach, interactive, tty, env, envFile, user, workdir, privileged, detachKeys, container, command,
        };

        // Options end at the container: what follows is the command's, even `-la`.
        RunCommand.StopAtFirstArgument(exec);
        exec.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            return await ContainerOperations.ExecAsync(client, new ContainerExecOptions
            {
                Container = parsed.GetValue(container)!,
                Command = parsed.GetValue(command)!,
                Detach = parsed.GetValue(detach),
                Interactive = parsed.GetValue(interactive),
                Tty = parsed.GetValue(tty),
                Env = parsed.GetValue(env) ?? [],
                EnvFiles = parsed.GetValue(envFile) ?? [],
                User = parsed.GetValue(user),
                WorkingDir = parsed.GetValue(workdir),
                Privileged = parsed.GetValue(privileged),
                DetachKeys = parsed.GetValue(detachKeys),
                Console = SystemConsole.Create(),
            }, cancellationToken);
        });
        return exec;
    }

    public static Command Attach()
    {
        var noStdin = new Option<bool>("--no-stdin") { Description = "Do not attach STDIN" };
        var sigProxy = new Option<bool>("--sig-proxy") { Description = "Proxy all received signals to the process", DefaultValueFactory = _ => true };
        var detachKeys = new Option<string>("--detach-keys") { Description = "Override the key sequence for detaching a container" };
        var container = new Argument<string>("CONTAINER");
        var command = new Command("attach", "Attach local standard input, output, and error streams to a running container")
        {
            noStdin, sigProxy, detachKeys, container,
        };
        RunCommand.HandleSignals(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            return await ContainerOperations.AttachAsync(client, new ContainerAttachOptions
            {
                Container = parsed.GetValue(container)!,
                NoStdin = parsed.GetValue(noStdin),
                SigProxy = parsed.GetValue(sigProxy),
                DetachKeys = parsed.GetValue(detachKeys),
                Console = SystemConsole.Create(),
            }, cancellationToken);
        });
        return command;
    }
}
