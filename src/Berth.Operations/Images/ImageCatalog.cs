using System.Text.Json;
using Berth.Client;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Oci;

namespace Berth.Operations.Images;

/// <summary>
/// The images of a namespace grouped as docker groups them: records that lead to the same config are one image. Each
/// distinct target is followed to its manifest and config once; a record whose content is missing stays visible with
/// its target digest as id.
/// </summary>
internal sealed partial class ImageCatalog
{
    private ImageCatalog(IReadOnlyList<LocalImage> images) => Images = images;

    /// <summary>The images, newest first (as docker lists them), then by id.</summary>
    public IReadOnlyList<LocalImage> Images { get; }

    public static async Task<ImageCatalog> LoadAsync(IBerthClient client, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<Digest, (ImageManifest? Manifest, ImageConfig? Config)>();
        var records = new List<(Image Record, Digest Id)>();
        await foreach (var record in client.Images.ListAsync(cancellationToken: cancellationToken))
        {
            if (!resolved.TryGetValue(record.Target.Digest, out var content))
            {
                content = await ResolveAsync(client, record.Target, cancellationToken);
                resolved[record.Target.Digest] = content;
            }

            records.Add((record, content.Manifest?.Config.Digest ?? record.Target.Digest));
        }

        var images = records.GroupBy(r => r.Id).Select(group =>
        {
            var (manifest, config) = resolved[group.First().Record.Target.Digest];
            return new LocalImage(group.Key, [.. group.Select(r => r.Record).OrderBy(r => r.Name, StringComparer.Ordinal)], manifest, config);
        });
        return new ImageCatalog([.. images.OrderByDescending(i => i.Created ?? DateTimeOffset.MinValue).ThenBy(i => i.Id.ToString(), StringComparer.Ordinal)]);
    }

    private static async Task<(ImageManifest?, ImageConfig?)> ResolveAsync(IBerthClient client, Descriptor target, CancellationToken cancellationToken)
    {
        try
        {
            var manifest = await ImageManifest.ResolveAsync(client.Content, target, HostPlatform.Current, cancellationToken);
            var config = ImageConfig.Parse(await client.Content.ReadAllBytesAsync(manifest.Config.Digest, cancellationToken));
            return (manifest, config);
        }
        catch (Exception ex) when (ex is NotFoundException or FailedPreconditionException or JsonException)
        {
            return (null, null);
        }
    }
}
