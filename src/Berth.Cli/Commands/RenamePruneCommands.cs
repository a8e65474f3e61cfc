using System.CommandLine;
using Berth.Operations.Containers;

namespace Berth.Cli.Commands;

/// <summary>`rename` (at the top and under `berth container`) and `berth container prune`.</summary>
internal static class RenamePruneCommands
{
    public static Command Rename()
    {
        var container = new Argument<string>("CONTAINER");
        var name = new Argument<string>("NEW_NAME");
        var command = new Command("rename", "Rename a container") { container, name };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await ContainerOperations.RenameAsync(client, new ContainerRenameOptions
            {
                Container = parsed.GetValue(container)!,
                NewName = parsed.GetValue(name)!,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    public static Command Prune()
    {
        var force = new Option<bool>("--force", "-f") { Description = "Do not prompt for confirmation" };
        var filters = new Option<string[]>("--filter") { Description = "Provide filter values (e.g. \"until=<timestamp>\")" };
        var command = new Command("prune", "Remove all stopped containers") { force, filters };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await ContainerOperations.PruneAsync(client, new ContainerPruneOptions
            {
                Force = parsed.GetValue(force),
                Filters = parsed.GetValue(filters) ?? [],
                Stdin = Console.In,
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }
}
