using Berth.Client;
using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Operations.Output;

namespace Berth.Operations.Images;

public static partial class ImageOperations
{
    /// <summary>
    /// docker image prune: removes dangling images (those without a tag), or with -a every image no container uses, after
    /// asking unless -f. Prints docker's report: "Deleted Images:", an "untagged:" line per name and a "deleted:" line
    /// per image, then "Total reclaimed space:", the blobs and snapshots that the collection really removed.
    /// </summary>
    public static async Task PruneAsync(IBerthClient client, ImagePruneOptions options, CancellationToken cancellationToken)
    {
        if (!options.Force)
        {
            await options.Stdout.WriteAsync((options.All
                ? "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] "
                : "WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ").AsMemory(), cancellationToken);
            await options.Stdout.FlushAsync(cancellationToken);
            string answer = (await options.Stdin.ReadLineAsync(cancellationToken) ?? string.Empty).Trim();
            if (!answer.Equals("y", StringComparison.OrdinalIgnoreCase) && !answer.Equals("yes", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        var catalog = await ImageCatalog.LoadAsync(client, cancellationToken);
        var pruned = catalog.Images.Where(i => options.All || i.RepoTags.Count == 0).ToList();
        var before = new List<ImageFootprint>();
        foreach (var image in pruned)
        {
            before.Add(await ImageFootprint.OfAsync(client, image, options.Snapshotter, cancellationToken));
        }

        var lines = new List<string>();
        var records = pruned.SelectMany(i => i.Records.Select(r => (Image: i, Record: r))).ToList();
        for (int i = 0; i < records.Count; i++)
        {
            var (image, record) = records[i];
            try
            {
                // The last delete waits for the collection, so what it freed can be counted.
                await client.Images.DeleteAsync(record.Name, synchronous: i == records.Count - 1, cancellationToken);
            }
            catch (NotFoundException)
            {
                continue; // removed meanwhile
            }

            if (!DanglingNames.IsDangling(record.Name))
            {
                lines.Add($"untagged: {ImageName.Of(record.Name).Familiar}");
            }

            if (record == image.Records[^1])
            {
                lines.Add($"deleted: {image.Id}");
            }
        }

        long reclaimed = await ReclaimedAsync(client, before, cancellationToken);
        if (lines.Count > 0)
        {
            await options.Stdout.WriteAsync(("Deleted Images:\n" + string.Concat(lines.Select(l => l + "\n")) + "\n").AsMemory(), cancellationToken);
        }

        await options.Stdout.WriteLineAsync($"Total reclaimed space: {HumanUnits.Size(reclaimed)}".AsMemory(), cancellationToken);
    }

    // What of the pruned images' blobs and snapshots is gone now (others may still use some).
    private static async Task<long> ReclaimedAsync(IBerthClient client, List<ImageFootprint> footprints, CancellationToken cancellationToken)
    {
        long reclaimed = 0;
        foreach (var (digest, size) in footprints.SelectMany(f => f.Blobs).DistinctBy(b => b.Key))
        {
            try
            {
                await client.Content.InfoAsync(digest, cancellationToken);
            }
            catch (NotFoundException)
            {
                reclaimed += size;
            }
        }

        foreach (var ((snapshotter, key), usage) in footprints.SelectMany(f => f.Snapshots).DistinctBy(s => s.Key))
        {
            try
            {
                await client.Snapshotter(snapshotter).StatAsync(key, cancellationToken);
            }
            catch (NotFoundException)
            {
                reclaimed += usage;
            }
        }

        return reclaimed;
    }
}
