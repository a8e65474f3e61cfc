using Berth.Client;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Containers.Resources;

/// <summary>`docker top`, `docker stats` and `docker update`.</summary>
public static class ResourceOperations
{
    /// <summary>`docker top`: the container's processes as the host's ps shows them, aligned as docker aligns them.</summary>
    public static async Task TopAsync(IBerthClient client, ContainerTopOptions options, CancellationToken cancellationToken)
    {
        var table = await client.Resources.TopAsync(options.Container, options.PsArgs, cancellationToken);
        // docker's top uses wider cells than its listings: at least 20 characters.
        var writer = new TabWriter(minWidth: 20, padding: 3);
        writer.AddLine(string.Join('\t', table.Titles));
        foreach (var process in table.Processes)
        {
            writer.AddLine(string.Join('\t', process));
        }

        await options.Stdout.WriteAsync(writer.Render().AsMemory(), cancellationToken);
    }

    /// <summary>
    /// `docker stats`: one table after two readings (--no-stream), or a table redrawn after every reading until cancelled.
    /// Returns 1, having printed the daemon's errors, when a named container cannot be read.
    /// </summary>
    public static async Task<int> StatsAsync(IBerthClient client, ContainerStatsOptions options, CancellationToken cancellationToken)
    {
        var format = new ListFormat(options.Format, StatsRow.DefaultTable, StatsRow.Headers);
        var reader = new StatsReadings(client, options);
        var previous = await reader.ReadAsync(cancellationToken);
        if (previous.Errors.Count > 0)
        {
            foreach (string error in previous.Errors)
            {
                await options.Stderr.WriteLineAsync(error.AsMemory(), cancellationToken);
            }

            return 1;
        }

        if (!options.NoStream)
        {
            // docker clears the screen once, then redraws from the top after every reading.
            await options.Stdout.WriteAsync("\u001b[2J".AsMemory(), cancellationToken);
            await options.Stdout.WriteAsync(Frame(format.Render(reader.Rows(null, previous))).AsMemory(), cancellationToken);
        }

        try
        {
            while (true)
            {
                await Task.Delay(options.Interval, cancellationToken);
                var current = await reader.ReadAsync(cancellationToken);
                string table = format.Render(reader.Rows(previous, current));
                await options.Stdout.WriteAsync((options.NoStream ? table : Frame(table)).AsMemory(), cancellationToken);
                if (options.NoStream)
                {
                    return 0;
                }

                previous = current;
            }
        }
        catch (OperationCanceledException) when (!options.NoStream && cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }

    /// <summary>`docker update`: each container's new limits; each name printed once done, the failures after.</summary>
    public static async Task<int> UpdateAsync(IBerthClient client, ContainerUpdateOptions options, CancellationToken cancellationToken)
    {
        var update = UpdateFlags.Read(options);
        var errors = new List<string>();
        foreach (string container in options.Containers)
        {
            try
            {
                await client.Resources.UpdateAsync(container, update, cancellationToken);
            }
            catch (BerthException ex) when (ex is not UnavailableException)
            {
                errors.Add($"Error response from daemon: {ex.Message}");
                continue;
            }

            await options.Stdout.WriteLineAsync(container.AsMemory(), cancellationToken);
        }

        foreach (string error in errors)
        {
            await options.Stderr.WriteLineAsync(error.AsMemory(), cancellationToken);
        }

        return errors.Count == 0 ? 0 : 1;
    }

    // Cursor home, each line cleared to its end, and what is left of the last frame below cleared.
    private static string Frame(string table)
        => "\u001b[H" + string.Concat(table.Split('\n')[..^1].Select(line => line + "\u001b[K\n")) + "\u001b[J";
}
