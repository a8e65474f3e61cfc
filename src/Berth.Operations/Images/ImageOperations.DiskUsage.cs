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

        var headers = new Dictionary<string, string> { ["Type"] = "TYPE", ["TotalCount"] = "TOTAL", ["Active"] = "ACTIVE", ["Size"] = "SIZE", ["Reclaimable"] = "RECLAIMABLE" };
        var format = new ListFormat(options.Format, "{{.Type}}\\t{{.TotalCount}}\\t{{.Active}}\\t{{.Size}}\\t{{.Reclaimable}}", headers);
        IReadOnlyDictionary<string, string>[] rows =
        [
            UsageRow("Images", footprints.Count, HumanUnits.Size(size), Reclaimable(size, size)),
            UsageRow("Containers", 0, "0B", "0B"),
            UsageRow("Local Volumes", 0, "0B", "0B"),
            UsageRow("Build Cache", 0, "0B", "0B"),
        ];
        await options.Stdout.WriteAsync(format.Render(rows).AsMemory(), cancellationToken);
    }

    private static Dictionary<string, string> UsageRow(string type, int total, string size, string reclaimable) => new()
    {
        ["Type"] = type, ["TotalCount"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Active"] = "0", ["Size"] = size,
        ["Reclaimable"] = reclaimable,
    };

    private static string Reclaimable(long reclaimable, long size)
        => size == 0 ? HumanUnits.Size(reclaimable) : $"{HumanUnits.Size(reclaimable)} ({reclaimable * 100 / size}%)";

    private static async Task VerboseDiskUsageAsync(List<(LocalImage Image, ImageFootprint Footprint)> footprints, SystemDiskUsageOptions options,
        CancellationToken cancellationToken)
    {
        var now = options.Time.GetUtcNow();
        var uses = footprints.SelectMany(f => f.Footprint.Snapshots.Keys).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var (image, footprint) in footprints)
        {
            long size = footprint.ListedSize(image);
            long shared = footprint.Snapshots.Where(s => uses[s.Key] > 1).Sum(s => s.Value);
            foreach (var row in ImageRows.Of(image, size, digests: false, noTrunc: false, now))
            {
                rows.Add(new Dictionary<string, string>(row)
                {
                    ["Size"] = HumanUnits.Size(size), ["SharedSize"] = HumanUnits.Size(shared), ["UniqueSize"] = HumanUnits.Size(size - shared), ["Containers"] = "0",
                });
            }
        }

        await WriteSectionAsync(options.Stdout, "Images space usage:", ImageRows.Headers,
            "{{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}\\t{{.SharedSize}}\\t{{.UniqueSize}}\\t{{.Containers}}", rows, cancellationToken);
        await WriteSectionAsync(options.Stdout, "\nContainers space usage:", Headers("CONTAINER ID", "IMAGE", "COMMAND", "LOCAL VOLUMES", "SIZE", "CREATED", "STATUS", "NAMES"),
            null, [], cancellationToken);
        await WriteSectionAsync(options.Stdout, "\nLocal Volumes space usage:", Headers("VOLUME NAME", "LINKS", "SIZE"), null, [], cancellationToken);
        await WriteSectionAsync(options.Stdout, "\nBuild cache usage: 0B", Headers("CACHE ID", "CACHE TYPE", "SIZE", "CREATED", "LAST USED", "USAGE", "SHARED"),
            null, [], cancellationToken);
    }

    // A table with no rows, when the template is null: its header is made of the titles in order.
    private static async Task WriteSectionAsync(TextWriter output, string title, IReadOnlyDictionary<string, string> headers, string? template,
        List<IReadOnlyDictionary<string, string>> rows, CancellationToken cancellationToken)
    {
        template ??= string.Join("\\t", headers.Keys.Select(k => "{{." + k + "}}"));
        await output.WriteAsync((title + "\n\n" + new ListFormat(null, template, headers).Render(rows)).AsMemory(), cancellationToken);
    }

    private static Dictionary<string, string> Headers(params string[] titles)
        => titles.ToDictionary(t => t.Replace(" ", string.Empty, StringComparison.Ordinal), t => t);
}
