using System.CommandLine;
using Berth.Operations.Output;
using Berth.Operations.Volumes;

namespace Berth.Cli.Commands;

/// <summary>`berth volume create|ls|inspect|rm|prune`, as docker's.</summary>
internal static class VolumeCommands
{
    public static Command Volume()
    {
        var command = new Command("volume", "Manage volumes");
        command.Subcommands.Add(Create());
        command.Subcommands.Add(Inspect());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Prune());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Command Create()
    {
        var name = new Argument<string?>("VOLUME") { Arity = ArgumentArity.ZeroOrOne };
        var nameOption = new Option<string>("--name") { Description = "Specify volume name", Hidden = true };
        var driver = new Option<string>("--driver", "-d") { Description = "Specify volume driver name", DefaultValueFactory = _ => "local" };
        var labels = new Option<string[]>("--label") { Description = "Set metadata for a volume" };
        var opts = new Option<string[]>("--opt", "-o") { Description = "Set driver specific options" };
        var command = new Command("create", "Create a volume") { name, nameOption, driver, labels, opts };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            string? positional = parsed.GetValue(name), flag = parsed.GetValue(nameOption);
            if (positional is not null && flag is not null)
            {
                throw new ClientException("conflicting options: cannot specify a volume-name through both --name and as a positional arg", 1);
            }

            await using var client = GlobalOptions.Connect(parsed);
            await VolumeOperations.CreateAsync(client, new VolumeCreateOptions
            {
                Name = positional ?? flag,
                Driver = parsed.GetValue(driver),
                Labels = parsed.GetValue(labels) ?? [],
                Options = parsed.GetValue(opts) ?? [],
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Inspect()
    {
        var format = new Option<string>("--format", "-f") { Description = "Format output using a custom template" };
        var names = new Argument<string[]>("VOLUME") { Arity = ArgumentArity.OneOrMore };
        var command = new Command("inspect", "Display detailed information on one or more volumes") { format, names };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            return await VolumeOperations.InspectAsync(client, new VolumeInspectOptions
            {
                Names = parsed.GetValue(names)!,
                Format = parsed.GetValue(format),
                Stdout = Console.Out,
                Stderr = Console.Error,
            }, cancellationToken);
        });
        return command;
    }

    private static Command List()
    {
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Only display volume names" };
        var filters = new Option<string[]>("--filter", "-f") { Description = "Provide filter values (e.g. \"dangling=true\")" };
        var format = new Option<string>("--format") { Description = "Format output: table, table TEMPLATE, json, or a Go template" };
        var command = new Command("ls", "List volumes") { quiet, filters, format };
        command.Aliases.Add("list");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await VolumeOperations.ListAsync(client, new VolumeListOptions
            {
                Quiet = parsed.GetValue(quiet),
                Filters = parsed.GetValue(filters) ?? [],
                Format = parsed.GetValue(format),
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Prune()
    {
        var all = new Option<bool>("--all", "-a") { Description = "Remove all unused volumes, not just anonymous ones" };
        var filters = new Option<string[]>("--filter") { Description = "Provide filter values (e.g. \"label=<label>\")" };
        var force = new Option<bool>("--force", "-f") { Description = "Do not prompt for confirmation" };
        var command = new Command("prune", "Remove unused local volumes") { all, filters, force };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await VolumeOperations.PruneAsync(client, new VolumePruneOptions
            {
                All = parsed.GetValue(all),
                Force = parsed.GetValue(force),
                Filters = parsed.GetValue(filters) ?? [],
                Stdin = Console.In,
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Remove()
    {
        var force = new Option<bool>("--force", "-f") { Description = "Force the removal of one or more volumes" };
        var names = new Argument<string[]>("VOLUME") { Arity = ArgumentArity.OneOrMore };
        var command = new Command("rm", "Remove one or more volumes") { force, names };
        command.Aliases.Add("remove");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            return await VolumeOperations.RemoveAsync(client, new VolumeRemoveOptions
            {
                Names = parsed.GetValue(names)!,
                Force = parsed.GetValue(force),
                Stdout = Console.Out,
                Stderr = Console.Error,
            }, cancellationToken);
        });
        return command;
    }
}
