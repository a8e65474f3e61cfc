using Berth.Core.Errors;

namespace Berth.Core.Images;

/// <summary>containerd's createNewImage, for whatever makes an image (a pull, an import, a commit).</summary>
public static class ImageStoreSaving
{
    /// <summary>
    /// Creates the image, or points the existing one of that name at the new target (<paramref name="fields"/>, all
    /// when null), trying again when it is removed between the two calls.
    /// </summary>
    public static async ValueTask SaveAsync(this IImageStore images, Image image, IReadOnlyList<string>? fields, CancellationToken cancellationToken = default)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await images.CreateAsync(image, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (AlreadyExistsException)
            {
            }

            try
            {
                await images.UpdateAsync(image, fields, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NotFoundException) when (attempt < 3)
            {
                // Removed between the two calls: create it again.
            }
        }
    }
}
