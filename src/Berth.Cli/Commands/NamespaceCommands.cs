using System.CommandLine;
using Berth.Operations.Namespaces;

namespace Berth.Cli.Commands;

/// <summary>`berth namespace ls|create|rm`, as nerdctl's.</summary>
internal static class NamespaceCommands
{
    public static Command Namespace()
    {
        var command = new Command("namespace", "Manage namespaces");
        command.Aliases.Add("ns");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Create());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Command List()
    {
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Only display namespace names" };
        var command = new Command("ls", "List namespaces") { quiet };
        command.Aliases.Add("list");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await NamespaceOperations.ListAsync(client, new NamespaceListOptions { Quiet = parsed.GetValue(quiet), Stdout = Console.Out },
                cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Create()
    {
        var name = new Argument<string>("NAMESPACE");
        var labels = new Option<string[]>("--label") { Description = "Set a label (key=value)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("create", "Create a new namespace") { name, labels };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await NamespaceOperations.CreateAsync(client, new NamespaceCreateOptions
            {
                Name = parsed.GetValue(name)!,
                Labels = parsed.GetValue(labels) ?? [],
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Remove()
    {
        var names = new Argument<string[]>("NAMESPACE") { Arity = ArgumentArity.OneOrMore };
        var command = new Command("rm", "Remove one or more namespaces") { names };
        command.Aliases.Add("remove");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            bool ok = await NamespaceOperations.RemoveAsync(client, new NamespaceRemoveOptions
            {
                Names = parsed.GetValue(names)!,
                Stdout = Console.Out,
                Stderr = Console.Error,
            }, cancellationToken);
            return ok ? 0 : 1;
        });
        return command;
    }
}
