using Berth.Client;
using Berth.Operations.Output;

namespace Berth.Operations.Images;

public static partial class ImageOperations
{
    /// <summary>
    /// docker system df: images (their SIZE as `berth images` counts it, with what images share counted once; all of it
    /// reclaimable, as no container uses an image yet), and the containers, volumes and build cache berth does not have
    /// yet. -v adds docker's per-image table.
    /// </summary>
    public static async Task DiskUsageAsync(IBerthClient client, SystemDiskUsageOptions options, CancellationToken cancellationToken)
    {
        var catalog = await ImageCatalog.LoadAsync(client, cancellationToken);
        var footprints = new List<(LocalImage Image, ImageFootprint Footprint)>();
        foreach (var image in catalog.Images)
        {
            footprints.Add((image, await ImageFootprint.OfAsync(client, image, options.Snapshotter, cancellationToken)));
        }

        // Unpacked images count their snapshots, the others their config and layers: shared ones once.
        long snapshots = footprints.SelectMany(f => f.Footprint.Snapshots).DistinctBy(s => s.Key).Sum(s => s.Value);
        long packed = footprints.Where(f => f.Footprint.Snapshots.Count == 0 && f.Image.Manifest is not null)
            .SelectMany(f => (IEnumerable<Berth.Oci.Descriptor>)[f.Image.Manifest!.Config, .. f.Image.Manifest.Layers]).DistinctBy(d => d.Digest).Sum(d => d.Size);
        long size = snapshots + packed;
        if (options.Verbose)
        {
            await VerboseDiskUsageAsync(footprints, options, cancellationToken);
            return;
        }

        var table = new TableWriter("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE");
        table.AddRow("Images", footprints.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "0", HumanUnits.Size(size), Reclaimable(size, size));
        table.AddRow("Containers", "0", "0", "0B", "0B");
        table.AddRow("Local Volumes", "0", "0", "0B", "0B");
        table.AddRow("Build Cache", "0", "0", "0B", "0B");
        await table.WriteAsync(options.Stdout, cancellationToken);
    }

    private static string Reclaimable(long reclaimable, long size)
        => size == 0 ? HumanUnits.Size(reclaimable) : $"{HumanUnits.Size(reclaimable)} ({reclaimable * 100 / size}%)";

    private static async Task VerboseDiskUsageAsync(List<(LocalImage Image, ImageFootprint Footprint)> footprints, SystemDiskUsageOptions options,
        CancellationToken cancellationToken)
    {
        var now = options.Time.GetUtcNow();
        var uses = footprints.SelectMany(f => f.Footprint.Snapshots.Keys).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var images = new TableWriter("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE", "SHARED SIZE", "UNIQUE SIZE", "CONTAINERS");
        foreach (var (image, footprint) in footprints)
        {
            long size = footprint.ListedSize(image);
            long shared = footprint.Snapshots.Where(s => uses[s.Key] > 1).Sum(s => s.Value);
            foreach (var row in ImageRows.Of(image, size, digests: false, noTrunc: false, now))
            {
                images.AddRow(row["Repository"], row["Tag"], row["ID"], row["CreatedSince"], HumanUnits.Size(size), HumanUnits.Size(shared),
                    HumanUnits.Size(size - shared), "0");
            }
        }

        await options.Stdout.WriteLineAsync("Images space usage:\n".AsMemory(), cancellationToken);
        await images.WriteAsync(options.Stdout, cancellationToken);
        await options.Stdout.WriteLineAsync("\nContainers space usage:\n".AsMemory(), cancellationToken);
        await new TableWriter("CONTAINER ID", "IMAGE", "COMMAND", "LOCAL VOLUMES", "SIZE", "CREATED", "STATUS", "NAMES").WriteAsync(options.Stdout, cancellationToken);
        await options.Stdout.WriteLineAsync("\nLocal Volumes space usage:\n".AsMemory(), cancellationToken);
        await new TableWriter("VOLUME NAME", "LINKS", "SIZE").WriteAsync(options.Stdout, cancellationToken);
        await options.Stdout.WriteLineAsync("\nBuild cache usage: 0B\n".AsMemory(), cancellationToken);
        await new TableWriter("CACHE ID", "CACHE TYPE", "SIZE", "CREATED", "LAST USED", "USAGE", "SHARED").WriteAsync(options.Stdout, cancellationToken);
    }
}
