using Berth.Client;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Oci;
using Berth.Operations.Output;

namespace Berth.Operations.Images;

public static partial class ImageOperations
{
    /// <summary>Gives the image SOURCE names another name, TARGET (moving TARGET if another image had it), as `docker tag`.</summary>
    public static async Task TagAsync(IBerthClient client, ImageTagOptions options, CancellationToken cancellationToken)
    {
        if (!ImageReference.TryParse(options.Target, out var target, out string? error))
        {
            throw new ClientException($"Error parsing reference: \"{options.Target}\" is not a valid repository/tag: {error}");
        }

        if (target.Digest is not null)
        {
            throw new ClientException($"refusing to create a tag with a digest reference: {options.Target}: give NAME[:TAG]");
        }

        var source = (await ImageCatalog.LoadAsync(client, cancellationToken)).Find(options.Source).Records[0];
        var image = new Image(target.ToString(), source.Target) { Labels = source.Labels };
        try
        {
            await client.Images.CreateAsync(image, cancellationToken);
        }
        catch (AlreadyExistsException)
        {
            await client.Images.UpdateAsync(image, ["target"], cancellationToken);
        }
    }
}
