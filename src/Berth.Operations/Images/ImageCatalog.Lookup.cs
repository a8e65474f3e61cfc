using System.Text.RegularExpressions;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Oci;

namespace Berth.Operations.Images;

/// <summary>What a user's IMAGE argument named: the image, and the records the name itself matched (all of them for an id).</summary>
internal sealed record ImageMatch(LocalImage Image, IReadOnlyList<Image> Records, bool ById);

internal sealed partial class ImageCatalog
{
    /// <summary>
    /// Finds what <paramref name="text"/> names, in docker's order: a record of that name (as typed, or normalised:
    /// busybox → docker.io/library/busybox:latest), a repository pinned to a digest its records point at, then an image
    /// id or a prefix of one (with or without sha256:). NotFound ("No such image: …") otherwise.
    /// </summary>
    public ImageMatch Find(string text)
    {
        var reference = ImageReference.TryParse(text, out var parsed, out _) ? parsed : null;
        foreach (var image in Images)
        {
            var named = image.Records.Where(r => r.Name == text || (reference is not null && Names(r, reference))).ToList();
            if (named.Count > 0)
            {
                return new ImageMatch(image, named, ById: false);
            }
        }

        if (IdPattern().Match(text) is { Success: true } id)
        {
            string prefix = id.Groups["hex"].Value;
            var byId = Images.Where(i => i.Id.Encoded.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (byId.Count > 1)
            {
                throw new InvalidArgumentException($"multiple IDs found with provided prefix: {text}: give more of the id");
            }

            if (byId.Count == 1)
            {
                return new ImageMatch(byId[0], byId[0].Records, ById: true);
            }
        }

        throw new NotFoundException($"No such image: {reference?.Familiar ?? text}");
    }

    private static bool Names(Image record, ImageReference reference)
    {
        if (record.Name == reference.ToString())
        {
            return true;
        }

        // busybox@sha256:… names an image whose busybox record points at that digest.
        return reference is { Digest: { } digest, Tag: null } && record.Target.Digest == digest
            && ImageName.Of(record.Name).Reference?.Name == reference.Name;
    }

    [GeneratedRegex("^(?:sha256:)?(?<hex>[0-9a-f]{1,64})$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
