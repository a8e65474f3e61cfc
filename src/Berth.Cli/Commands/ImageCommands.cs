using System.CommandLine;
using Berth.Operations.Images;

namespace Berth.Cli.Commands;

/// <summary>`berth image ls|rm|inspect|pull|tag` and docker's shorthands `images`, `rmi`, `pull`, `tag`.</summary>
internal static class ImageCommands
{
    public static Command Image()
    {
        var command = new Command("image", "Manage images");
        command.Subcommands.Add(List("ls", "list"));
        command.Subcommands.Add(Remove("rm", "remove"));
        command.Subcommands.Add(Inspect());
        command.Subcommands.Add(PullCommand.Create("pull"));
        command.Subcommands.Add(PushCommand.Create("push"));
        command.Subcommands.Add(Tag("tag"));
        foreach (var archive in ArchiveCommands.ImageSubcommands())
        {
            command.Subcommands.Add(archive);
        }

        return command;
    }

    public static IEnumerable<Command> Shorthands() => [List("images"), Remove("rmi"), PullCommand.Create("pull"), PushCommand.Create("push"), Tag("tag")];

    private static Command List(string name, params string[] aliases)
    {
        var all = new Option<bool>("--all", "-a") { Description = "Show all images (berth has no intermediate images to hide)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Only show image IDs" };
        var digests = new Option<bool>("--digests") { Description = "Show digests" };
        var noTrunc = new Option<bool>("--no-trunc") { Description = "Don't truncate output" };
        var filters = new Option<string[]>("--filter", "-f") { Description = "Filter output based on conditions provided" };
        var format = new Option<string>("--format") { Description = "Format output: table, table TEMPLATE, json, or a Go template" };
        var repository = new Argument<string?>("REPOSITORY[:TAG]") { Arity = ArgumentArity.ZeroOrOne };
        var command = new Command(name, "List images") { all, quiet, digests, noTrunc, filters, format, repository };
        foreach (string alias in aliases)
        {
            command.Aliases.Add(alias);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            string? only = parsed.GetValue(repository);
            await ImageOperations.ListAsync(client, new ImageListOptions
            {
                All = parsed.GetValue(all),
                Quiet = parsed.GetValue(quiet),
                Digests = parsed.GetValue(digests),
                NoTrunc = parsed.GetValue(noTrunc),
                Filters = [.. parsed.GetValue(filters) ?? [], .. only is null ? [] : new[] { "reference=" + only }],
                Format = parsed.GetValue(format),
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Remove(string name, params string[] aliases)
    {
        var force = new Option<bool>("--force", "-f") { Description = "Force removal of the image" };
        var images = new Argument<string[]>("IMAGE") { Arity = ArgumentArity.OneOrMore };
        var command = new Command(name, "Remove one or more images") { force, images };
        foreach (string alias in aliases)
        {
            command.Aliases.Add(alias);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            return await ImageOperations.RemoveAsync(client, new ImageRemoveOptions
            {
                Images = parsed.GetValue(images)!,
                Force = parsed.GetValue(force),
                Stdout = Console.Out,
                Stderr = Console.Error,
            }, cancellationToken);
        });
        return command;
    }

    private static Command Inspect()
    {
        var images = new Argument<string[]>("IMAGE") { Arity = ArgumentArity.OneOrMore };
        var command = new Command("inspect", "Display detailed information on one or more images") { images };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            return await ImageOperations.InspectAsync(client, new ImageInspectOptions
            {
                Images = parsed.GetValue(images)!,
                Stdout = Console.Out,
                Stderr = Console.Error,
            }, cancellationToken);
        });
        return command;
    }

    private static Command Tag(string name)
    {
        var source = new Argument<string>("SOURCE_IMAGE[:TAG]");
        var target = new Argument<string>("TARGET_IMAGE[:TAG]");
        var command = new Command(name, "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE") { source, target };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await ImageOperations.TagAsync(client, new ImageTagOptions { Source = parsed.GetValue(source)!, Target = parsed.GetValue(target)! },
                cancellationToken);
            return 0;
        });
        return command;
    }
}
