using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Images;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

public static partial class ContainerOperations
{
    /// <summary>
    /// `docker container prune`: removes every container that does not run (created, exited, dead) and that the
    /// filters keep, after asking unless -f. Prints docker's report: "Deleted Containers:" and the ids (newest first),
    /// then "Total reclaimed space:", what the removed containers had written (their snapshots' usage, docker's SizeRw).
    /// </summary>
    public static async Task PruneAsync(IBerthClient client, ContainerPruneOptions options, CancellationToken cancellationToken)
    {
        var filter = ContainerPruneFilter.Parse(options.Filters);
        if (!options.Force && !await ConfirmAsync(options, cancellationToken))
        {
            return;
        }

        filter.Validate(options.Time.GetUtcNow());
        var deleted = new List<string>();
        long reclaimed = 0;
        foreach (var container in await client.Engine.ListAsync(cancellationToken))
        {
            if (container.State.Status is not (ContainerStatus.Created or ContainerStatus.Exited or ContainerStatus.Dead) || !filter.Matches(container))
            {
                continue;
            }

            long written = await WrittenAsync(client, container, cancellationToken);
            try
            {
                await client.Engine.RemoveAsync(container.Id, cancellationToken: cancellationToken);
            }
            catch (BerthException ex) when (ex is NotFoundException or FailedPreconditionException or AlreadyExistsException)
            {
                continue; // removed, started or being removed meanwhile: dockerd skips it too
            }

            deleted.Add(container.Id);
            reclaimed += written;
        }

        if (deleted.Count > 0)
        {
            await options.Stdout.WriteAsync(("Deleted Containers:\n" + string.Concat(deleted.Select(id => id + "\n")) + "\n").AsMemory(), cancellationToken);
        }

        await options.Stdout.WriteLineAsync($"Total reclaimed space: {HumanUnits.Size(reclaimed)}".AsMemory(), cancellationToken);
    }

    private static async Task<bool> ConfirmAsync(ContainerPruneOptions options, CancellationToken cancellationToken)
    {
        await options.Stdout.WriteAsync("WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ".AsMemory(), cancellationToken);
        await options.Stdout.FlushAsync(cancellationToken);
        string answer = (await options.Stdin.ReadLineAsync(cancellationToken) ?? string.Empty).Trim();
        return answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase);
    }

    // The usage of the container's own snapshot (keyed by its id); 0 when it cannot be read.
    private static async Task<long> WrittenAsync(IBerthClient client, ContainerDetails container, CancellationToken cancellationToken)
    {
        string snapshotter = container.Snapshotter.Length > 0 ? container.Snapshotter : ImageDefaults.Snapshotter;
        try
        {
            return (await client.Snapshotter(snapshotter).UsageAsync(container.Id, cancellationToken)).Size;
        }
        catch (BerthException)
        {
            return 0;
        }
    }
}
