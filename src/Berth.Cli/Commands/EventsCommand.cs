using System.CommandLine;
using Berth.Operations.Events;

namespace Berth.Cli.Commands;

/// <summary>`berth events` and `berth system events`.</summary>
internal static class EventsCommand
{
    public static Command Events()
    {
        var filters = new Option<string[]>("--filter", "-f") { Description = "Filter output based on conditions provided" };
        var format = new Option<string>("--format") { Description = "Format output using a custom template: 'json' or a Go template" };
        var since = new Option<string>("--since") { Description = "Show all events created since timestamp" };
        var until = new Option<string>("--until") { Description = "Stream events until this timestamp" };
        var command = new Command("events", "Get real time events from the server") { filters, format, since, until };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await EventOperations.EventsAsync(client, new EventsOptions
            {
                Filters = parsed.GetValue(filters) ?? [],
                Format = parsed.GetValue(format),
                Since = parsed.GetValue(since),
                Until = parsed.GetValue(until),
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }
}
