using System.CommandLine;
using Berth.Operations.Containers;

namespace Berth.Cli.Commands;

/// <summary>
/// `berth container …` and docker's shorthands `run`, `create`, `start`, `stop`, `kill`, `restart`, `rm`, `wait`, `logs`,
/// `ps`, `inspect`, `exec`, `attach`, `pause`, `unpause`, `rename` (prune only as `berth container prune`).
/// </summary>
internal static class ContainerCommands
{
    public static Command Container()
    {
        var command = new Command("container", "Manage containers");
        command.Subcommands.Add(RunCommand.Run("run", "container run"));
        command.Subcommands.Add(RunCommand.Create("create", "container create"));
        command.Subcommands.Add(LifecycleCommands.Start());
        command.Subcommands.Add(LifecycleCommands.Stop());
        command.Subcommands.Add(LifecycleCommands.Kill());
        command.Subcommands.Add(LifecycleCommands.Restart());
        command.Subcommands.Add(LifecycleCommands.Remove("rm", "remove"));
        command.Subcommands.Add(LifecycleCommands.Wait());
        command.Subcommands.Add(Logs());
        command.Subcommands.Add(List("ls", "ps", "list"));
        command.Subcommands.Add(Inspect("container"));
        command.Subcommands.Add(ExecAttachCommands.Exec());
        command.Subcommands.Add(ExecAttachCommands.Attach());
        command.Subcommands.Add(LifecycleCommands.Pause());
        command.Subcommands.Add(LifecycleCommands.Unpause());
        command.Subcommands.Add(RenamePruneCommands.Rename());
        command.Subcommands.Add(RenamePruneCommands.Prune());
        command.Subcommands.Add(CopyExportCommands.Copy());
        command.Subcommands.Add(CopyExportCommands.Export());
        foreach (var resources in TopStatsUpdateCommands.All())
        {
            command.Subcommands.Add(resources);
        }

        command.Subcommands.Add(DiffCommitCommands.Diff());
        command.Subcommands.Add(DiffCommitCommands.Commit());
        return command;
    }

    public static IEnumerable<Command> Shorthands() =>
    [
        RunCommand.Run("run", "run"), RunCommand.Create("create", "create"), LifecycleCommands.Start(), LifecycleCommands.Stop(),
        LifecycleCommands.Kill(), LifecycleCommands.Restart(), LifecycleCommands.Remove("rm"), LifecycleCommands.Wait(), Logs(), List("ps"),
        Inspect(null), ExecAttachCommands.Exec(), ExecAttachCommands.Attach(), LifecycleCommands.Pause(), LifecycleCommands.Unpause(),
        RenamePruneCommands.Rename(), .. TopStatsUpdateCommands.All(),
        CopyExportCommands.Copy(), CopyExportCommands.Export(),
        DiffCommitCommands.Diff(), DiffCommitCommands.Commit(),
    ];

    private static Command Logs()
    {
        var follow = new Option<bool>("--follow", "-f") { Description = "Follow log output" };
        var tail = new Option<string>("--tail", "-n") { Description = "Number of lines to show from the end of the logs (default \"all\")" };
        var since = new Option<string>("--since") { Description = "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)" };
        var until = new Option<string>("--until") { Description = "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)" };
        var timestamps = new Option<bool>("--timestamps", "-t") { Description = "Show timestamps" };
        var container = new Argument<string>("CONTAINER");
        var command = new Command("logs", "Fetch the logs of a container") { follow, tail, since, until, timestamps, container };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await ContainerOperations.LogsAsync(client, new ContainerLogsOptions
            {
                Container = parsed.GetValue(container)!,
                Follow = parsed.GetValue(follow),
                Tail = parsed.GetValue(tail),
                Since = parsed.GetValue(since),
                Until = parsed.GetValue(until),
                Timestamps = parsed.GetValue(timestamps),
                Stdout = Console.Out,
                Stderr = Console.Error,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command List(string name, params string[] aliases)
    {
        var all = new Option<bool>("--all", "-a") { Description = "Show all containers (default shows just running)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Only display container IDs" };
        var last = new Option<int?>("--last", "-n") { Description = "Show n last created containers (includes all states)" };
        var latest = new Option<bool>("--latest", "-l") { Description = "Show the latest created container (includes all states)" };
        var noTrunc = new Option<bool>("--no-trunc") { Description = "Don't truncate output" };
        var size = new Option<bool>("--size", "-s") { Description = "Display total file sizes" };
        var format = new Option<string>("--format") { Description = "Format output: table, table TEMPLATE, json, or a Go template" };
        var filters = new Option<string[]>("--filter", "-f") { Description = "Filter output based on conditions provided" };
        var command = new Command(name, "List containers") { all, quiet, last, latest, noTrunc, size, format, filters };
        foreach (string alias in aliases)
        {
            command.Aliases.Add(alias);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await ContainerOperations.ListAsync(client, new ContainerListOptions
            {
                All = parsed.GetValue(all),
                Quiet = parsed.GetValue(quiet),
                Last = parsed.GetValue(latest) ? 1 : parsed.GetValue(last),
                NoTrunc = parsed.GetValue(noTrunc),
                Size = parsed.GetValue(size),
                Format = parsed.GetValue(format),
                Filters = parsed.GetValue(filters) ?? [],
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    // `berth inspect` looks names up as containers, then images; `berth container inspect` as containers only.
    private static Command Inspect(string? type)
    {
        var format = new Option<string>("--format", "-f") { Description = "Format output using a custom template" };
        var size = new Option<bool>("--size", "-s") { Description = "Display total file sizes (accepted; berth shows no container sizes here)" };
        var typeOption = new Option<string>("--type") { Description = "Only inspect objects of the given type (container or image)" };
        var names = new Argument<string[]>(type is null ? "NAME|ID" : "CONTAINER") { Arity = ArgumentArity.OneOrMore };
        var command = new Command("inspect", type is null ? "Return low-level information on Docker objects" : "Display detailed information on one or more containers")
        {
            format, size, names,
        };
        if (type is null)
        {
            command.Options.Add(typeOption);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            return await ContainerOperations.InspectAsync(client, new ContainerInspectOptions
            {
                Names = parsed.GetValue(names)!,
                Format = parsed.GetValue(format),
                Type = type ?? parsed.GetValue(typeOption),
                Stdout = Console.Out,
                Stderr = Console.Error,
            }, cancellationToken);
        });
        return command;
    }
}
