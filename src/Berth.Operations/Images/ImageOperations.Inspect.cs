using Berth.Client;
using Berth.Core.Errors;

namespace Berth.Operations.Images;

public static partial class ImageOperations
{
    /// <summary>
    /// Prints the images found as one JSON array (docker's shape, see <see cref="ImageInspectWriter"/>), then an error
    /// line for each name not found; returns 1 if any was not found.
    /// </summary>
    public static async Task<int> InspectAsync(IBerthClient client, ImageInspectOptions options, CancellationToken cancellationToken)
    {
        var catalog = await ImageCatalog.LoadAsync(client, cancellationToken);
        var found = new List<(LocalImage, long)>();
        var errors = new List<string>();
        foreach (string text in options.Images)
        {
            try
            {
                var image = catalog.Find(text).Image;
                found.Add((image, await SizeAsync(client, image, options.Snapshotter, cancellationToken)));
            }
            catch (BerthException ex) when (ex is NotFoundException or InvalidArgumentException)
            {
                errors.Add($"Error response from daemon: {ex.Message}");
            }
        }

        await options.Stdout.WriteAsync(ImageInspectWriter.Write(found).AsMemory(), cancellationToken);
        foreach (string error in errors)
        {
            await options.Stderr.WriteLineAsync(error.AsMemory(), cancellationToken);
        }

        return errors.Count == 0 ? 0 : 1;
    }
}
