using System.CommandLine;
using Berth.Operations.Auth;
using Berth.Operations.Containers;

namespace Berth.Cli.Commands;

/// <summary>`berth run` and `berth create` (and `berth container run|create`).</summary>
internal static class RunCommand
{
    private static readonly HashSet<Command> TakingCommands = [];
    private static readonly HashSet<Command> Attaching = [];

    /// <summary>Whether everything after the command's first argument (the image) is the container's command.</summary>
    public static bool StopsAtFirstArgument(Command command) => TakingCommands.Contains(command);

    /// <summary>Whether the command passes signals on to a container itself, rather than being cancelled by them.</summary>
    public static bool HandlesSignals(Command command) => Attaching.Contains(command);

    /// <summary>Marks a command whose options end at its first argument (<c>exec CONTAINER COMMAND…</c>).</summary>
    public static void StopAtFirstArgument(Command command) => TakingCommands.Add(command);

    /// <summary>Marks a command that attaches to a container: berth must not end on Ctrl-C while it passes signals on.</summary>
    public static void HandleSignals(Command command) => Attaching.Add(command);

    /// <param name="path">How usage hints name it: <c>run</c>, <c>container run</c>.</param>
    public static Command Run(string name, string path)
    {
        var flags = new ContainerFlagOptions();
        var detach = new Option<bool>("--detach", "-d") { Description = "Run container in background and print container ID" };
        var attach = new Option<string[]>("--attach", "-a") { Description = "Attach to STDIN, STDOUT or STDERR" };
        var sigProxy = new Option<bool>("--sig-proxy") { Description = "Proxy received signals to the process", DefaultValueFactory = _ => true };
        var detachKeys = new Option<string>("--detach-keys") { Description = "Override the key sequence for detaching a container" };
        var (pull, platform, quiet) = PullOptions();
        var command = new Command(name, "Create and run a new container from an image") { detach, attach, sigProxy, detachKeys, pull, platform, quiet };
        flags.AddTo(command);
        TakingCommands.Add(command);
        Attaching.Add(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            return await ContainerOperations.RunAsync(client, new ContainerRunOptions
            {
                Flags = flags.Read(parsed),
                Detach = parsed.GetValue(detach),
                Attach = parsed.GetValue(attach) ?? [],
                SigProxy = parsed.GetValue(sigProxy),
                DetachKeys = parsed.GetValue(detachKeys),
                Pull = parsed.GetValue(pull),
                Platform = parsed.GetValue(platform) ?? DefaultPlatform(),
                Quiet = parsed.GetValue(quiet),
                Credentials = new CredentialStore(DockerConfigFile.Load(DockerConfigFile.DefaultPath())),
                Console = SystemConsole.Create(),
                CommandName = path,
            }, cancellationToken);
        });
        return command;
    }

    /// <inheritdoc cref="Run"/>
    public static Command Create(string name, string path)
    {
        var flags = new ContainerFlagOptions();
        var attach = new Option<string[]>("--attach", "-a") { Description = "Attach to STDIN, STDOUT or STDERR" };
        var (pull, platform, quiet) = PullOptions();
        var command = new Command(name, "Create a new container") { attach, pull, platform, quiet };
        flags.AddTo(command);
        TakingCommands.Add(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            return await ContainerOperations.CreateAsync(client, new ContainerRunOptions
            {
                Flags = flags.Read(parsed),
                Attach = parsed.GetValue(attach) ?? [],
                Pull = parsed.GetValue(pull),
                Platform = parsed.GetValue(platform) ?? DefaultPlatform(),
                Quiet = parsed.GetValue(quiet),
                Credentials = new CredentialStore(DockerConfigFile.Load(DockerConfigFile.DefaultPath())),
                Console = SystemConsole.Create(),
                CommandName = path,
            }, cancellationToken);
        });
        return command;
    }

    private static (Option<string> Pull, Option<string> Platform, Option<bool> Quiet) PullOptions()
        => (new Option<string>("--pull") { Description = "Pull image before running (\"always\", \"missing\", \"never\")" },
            new Option<string>("--platform") { Description = "Set platform if server is multi-platform capable [$DOCKER_DEFAULT_PLATFORM]" },
            new Option<bool>("--quiet", "-q") { Description = "Suppress the pull output" });

    // docker's CLI takes the platform from the environment when the flag is not given.
    private static string? DefaultPlatform() => Environment.GetEnvironmentVariable("DOCKER_DEFAULT_PLATFORM") is { Length: > 0 } platform ? platform : null;
}
