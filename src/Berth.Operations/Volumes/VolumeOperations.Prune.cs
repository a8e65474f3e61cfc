using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Volumes;

public static partial class VolumeOperations
{
    /// <summary>
    /// `docker volume prune`: removes the anonymous volumes no container uses (every unused one with -a), those the
    /// label filters keep, after asking unless -f. Prints docker's report: "Deleted Volumes:" and the names, then
    /// "Total reclaimed space:", the size of their folders measured just before.
    /// </summary>
    public static async Task PruneAsync(IBerthClient client, VolumePruneOptions options, CancellationToken cancellationToken)
    {
        var filter = VolumeFilter.Parse(options.Filters, "--filter");
        if (!options.Force && !await ConfirmAsync(options, cancellationToken))
        {
            return;
        }

        filter.Validate(VolumeFilter.PruneKeys);
        bool all = options.All || filter.All;
        var used = await VolumeUsage.UsedAsync(client, cancellationToken);
        var chosen = (await client.Volumes.ListAsync(cancellationToken))
            .Where(v => (all || v.Anonymous) && !used.Contains(v.Name) && filter.Matches(v, used)).ToList();
        var sizes = chosen.ToDictionary(v => v.Name, v => VolumeUsage.FolderSize(v.Mountpoint), StringComparer.Ordinal);

        // Unfiltered, berthd prunes under its own lock; label filters are the client's, so it removes the chosen ones itself.
        var deleted = filter.HasLabels ? await RemoveEachAsync(client, chosen, cancellationToken) : await client.Volumes.PruneAsync(all, cancellationToken);
        if (deleted.Count > 0)
        {
            await options.Stdout.WriteAsync(("Deleted Volumes:\n" + string.Concat(deleted.Select(n => n + "\n")) + "\n").AsMemory(), cancellationToken);
        }

        // Four significant digits (12.35kB), as docker's HumanSize writes this total.
        long reclaimed = deleted.Sum(n => sizes.GetValueOrDefault(n));
        await options.Stdout.WriteLineAsync($"Total reclaimed space: {HumanUnits.Size(reclaimed, 4)}".AsMemory(), cancellationToken);
    }

    private static async Task<bool> ConfirmAsync(VolumePruneOptions options, CancellationToken cancellationToken)
    {
        string which = options.All ? "all" : "anonymous";
        await options.Stdout.WriteAsync(
            $"WARNING! This will remove {which} local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ".AsMemory(),
            cancellationToken);
        await options.Stdout.FlushAsync(cancellationToken);
        string answer = (await options.Stdin.ReadLineAsync(cancellationToken) ?? string.Empty).Trim();
        return answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<IReadOnlyList<string>> RemoveEachAsync(IBerthClient client, List<Volume> volumes, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        foreach (var volume in volumes)
        {
            try
            {
                await client.Volumes.RemoveAsync(volume.Name, force: false, cancellationToken);
                deleted.Add(volume.Name);
            }
            catch (BerthException ex) when (ex is NotFoundException or FailedPreconditionException)
            {
                // Removed, or taken by a new container, meanwhile: dockerd's prune skips it too.
            }
        }

        return deleted;
    }
}
