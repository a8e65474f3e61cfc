using Berth.Client;
using Berth.Operations.Output;

namespace Berth.Operations.Images;

/// <summary>What the `berth image` verbs do.</summary>
public static partial class ImageOperations
{
    private const string DefaultTable = "{{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}";
    private const string DefaultTableWithDigests = "{{.Repository}}\\t{{.Tag}}\\t{{.Digest}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}";

    /// <summary>Lists images as `docker images` does; see <see cref="ImageSize"/> for what SIZE counts.</summary>
    public static async Task ListAsync(IBerthClient client, ImageListOptions options, CancellationToken cancellationToken)
    {
        var format = new ListFormat(options.Quiet && string.IsNullOrEmpty(options.Format) ? "{{.ID}}" : options.Format,
            options.Digests ? DefaultTableWithDigests : DefaultTable, ImageRows.Headers);
        var catalog = await ImageCatalog.LoadAsync(client, cancellationToken);
        var filter = ImageFilter.Parse(options.Filters, catalog);
        var now = options.Time.GetUtcNow();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var image in catalog.Images.Select(filter.Apply).OfType<LocalImage>())
        {
            long size = await SizeAsync(client, image, options.Snapshotter, cancellationToken);
            rows.AddRange(ImageRows.Of(image, size, options.Digests, options.NoTrunc, now));
        }

        await options.Stdout.WriteAsync(format.Render(rows).AsMemory(), cancellationToken);
    }

    private static async Task<long> SizeAsync(IBerthClient client, LocalImage image, string snapshotter, CancellationToken cancellationToken)
        => image is { Manifest: { } manifest, Config: { } config }
            ? await ImageSize.OfAsync(client, manifest, config, snapshotter, cancellationToken)
            : 0;
}
