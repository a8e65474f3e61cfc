using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Images;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

/// <summary>
/// <c>ps -s</c>'s SIZE: what the container wrote (the usage of its own snapshot, keyed by its id as the engine makes
/// it), then "(virtual …)": that plus its image's size, as docker shows them. N/A when the snapshot cannot be read.
/// </summary>
internal static class ContainerSize
{
    public static async Task<string> OfAsync(IBerthClient client, ContainerDetails container, Lazy<Task<ImageCatalog>> images, string defaultSnapshotter,
        CancellationToken cancellationToken)
    {
        string snapshotter = container.Snapshotter.Length > 0 ? container.Snapshotter : defaultSnapshotter;
        long written;
        try
        {
            written = (await client.Snapshotter(snapshotter).UsageAsync(container.Id, cancellationToken)).Size;
        }
        catch (BerthException)
        {
            return "N/A";
        }

        long image = 0;
        try
        {
            var catalog = await images.Value;
            var found = catalog.Images.FirstOrDefault(i => i.Id.ToString() == container.ImageId);
            if (found is { Manifest: { } manifest, Config: { } config })
            {
                image = await ImageSize.OfAsync(client, manifest, config, snapshotter, cancellationToken);
            }
        }
        catch (BerthException)
        {
            // Without its image, the virtual size is what the container wrote.
        }

        return $"{HumanUnits.Size(written)} (virtual {HumanUnits.Size(written + image)})";
    }
}
