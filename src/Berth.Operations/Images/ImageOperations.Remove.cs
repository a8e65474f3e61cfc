using Berth.Client;
using Berth.Core.Errors;

namespace Berth.Operations.Images;

public static partial class ImageOperations
{
    /// <summary>
    /// Removes images as `docker rmi` does: a name untags that name; an id untags every name of the image, which needs
    /// -f when they are in several repositories; the image itself is deleted ("Deleted: sha256:…") with its last name.
    /// Goes on past failures and returns 1 if any.
    /// </summary>
    public static async Task<int> RemoveAsync(IBerthClient client, ImageRemoveOptions options, CancellationToken cancellationToken)
    {
        int exit = 0;
        foreach (string text in options.Images)
        {
            try
            {
                // Reloaded per argument: an earlier argument may have removed names this one counts on.
                var match = (await ImageCatalog.LoadAsync(client, cancellationToken)).Find(text);
                if (match.ById && !options.Force && !ImageName.AreOneReference([.. match.Records.Select(r => ImageName.Of(r.Name))]))
                {
                    throw new FailedPreconditionException(
                        $"conflict: unable to delete {match.Image.ShortId} (must be forced) - image is referenced in multiple repositories");
                }

                foreach (var record in match.Records)
                {
                    await client.Images.DeleteAsync(record.Name, cancellationToken: cancellationToken);
                    if (!Core.Transfer.DanglingNames.IsDangling(record.Name))
                    {
                        await options.Stdout.WriteLineAsync($"Untagged: {ImageName.Of(record.Name).Familiar}".AsMemory(), cancellationToken);
                    }
                }

                if (match.Records.Count == match.Image.Records.Count)
                {
                    await options.Stdout.WriteLineAsync($"Deleted: {match.Image.Id}".AsMemory(), cancellationToken);
                }
            }
            catch (BerthException ex) when (ex is not UnavailableException)
            {
                await options.Stderr.WriteLineAsync($"Error response from daemon: {ex.Message}".AsMemory(), cancellationToken);
                exit = 1;
            }
        }

        return exit;
    }
}
