using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Engine;

/// <summary>An image as a container is made from it: its record's name, its config and the snapshot of its layers.</summary>
internal sealed record ResolvedImage(string Name, Digest ConfigDigest, ImageConfig Config, string? TopChainId);

/// <summary>Finds an image of the namespace by the name a user typed, and the manifest of this machine's platform.</summary>
internal static class ImageResolver
{
    private const int MaxIndexDepth = 4;

    /// <summary>
    /// The image for <paramref name="platform"/> when given (NotFound in dockerd's words when it is for another). A name
    /// that no image has is tried as an image id (its config's digest, whole or a prefix, with or without sha256:).
    /// </summary>
    public static async ValueTask<ResolvedImage> ResolveAsync(INamespaceScope scope, string reference, string? platform, CancellationToken cancellationToken)
    {
        var wanted = platform is { Length: > 0 }
            ? Platforms.TryParse(platform, out var parsedPlatform, out string? error) ? parsedPlatform : throw new InvalidArgumentException($"--platform {platform}: {error}")
            : HostPlatform.Current;
        // docker's normalisation: busybox is docker.io/library/busybox:latest; a name it refuses is looked up as typed.
        bool parsed = ImageReference.TryParse(reference, out var normal, out _);
        string name = parsed ? normal!.ToString() : reference;
        Core.Images.Image? image = null;
        try
        {
            image = await scope.Images.GetAsync(name, cancellationToken);
        }
        catch (NotFoundException)
        {
        }

        if (image is not null)
        {
            return await ForPlatformAsync(scope, reference, image, wanted, platform is { Length: > 0 }, cancellationToken);
        }

        if (IdPrefix(reference) is { } id)
        {
            await foreach (var candidate in scope.Images.ListAsync(null, cancellationToken))
            {
                var resolved = await ForPlatformAsync(scope, reference, candidate, HostPlatform.Current, strict: false, cancellationToken);
                if (resolved.ConfigDigest.Encoded.StartsWith(id, StringComparison.Ordinal))
                {
                    return resolved;
                }
            }
        }

        // The words the client pulls on.
        throw new NotFoundException($"No such image: {(parsed ? normal!.Familiar : reference)}");
    }

    // docker takes 12 to 64 hex digits (or sha256: and them) for an image id.
    private static string? IdPrefix(string reference)
    {
        string hex = reference.StartsWith("sha256:", StringComparison.Ordinal) ? reference["sha256:".Length..] : reference;
        return hex.Length is >= 12 and <= 64 && hex.All(char.IsAsciiHexDigitLower) ? hex : null;
    }

    private static async ValueTask<ResolvedImage> ForPlatformAsync(INamespaceScope scope, string reference, Core.Images.Image image, Platform wanted,
        bool strict, CancellationToken cancellationToken)
    {
        var descriptor = image.Target;
        var matcher = PlatformMatcher.Only(wanted);
        for (int depth = 0; depth <= MaxIndexDepth; depth++)
        {
            var document = ManifestJson.Parse(await scope.Content.ReadAllBytesAsync(descriptor.Digest, cancellationToken), descriptor.MediaType);
            if (document is ImageManifest manifest)
            {
                var config = ManifestJson.ParseConfig(await scope.Content.ReadAllBytesAsync(manifest.Config.Digest, cancellationToken));
                if (strict && !matcher.Matches(config.Platform))
                {
                    // dockerd's words; NotFound, as dockerd answers it, though the client does not pull again for it.
                    throw new NotFoundException($"image with reference {reference} was found but does not match the specified platform: "
                        + $"wanted {Platforms.Format(wanted)}, actual: {Platforms.Format(config.Platform)}");
                }

                string? top = config.RootFs.DiffIds.Count > 0 ? ChainIds.Top(config.RootFs.DiffIds).ToString() : null;
                return new ResolvedImage(image.Name, manifest.Config.Digest, config, top);
            }

            var candidates = matcher.Select(((ImageIndex)document).Manifests);
            descriptor = candidates.Count > 0 ? candidates[0] : throw new NotFoundException($"image {reference} has no manifest for {Platforms.Format(wanted)}: pull it for that platform");
        }

        throw new FailedPreconditionException($"image {reference} nests indexes more than {MaxIndexDepth} deep");
    }
}
