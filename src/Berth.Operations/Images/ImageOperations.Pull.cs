using Berth.Client;
using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Operations.Images.Pull;
using Berth.Operations.Output;

namespace Berth.Operations.Images;

public static partial class ImageOperations
{
    /// <summary>
    /// Has the daemon pull an image and shows it as `docker pull` does: "Using default tag", "&lt;tag&gt;: Pulling from
    /// &lt;repository&gt;", the layers, "Digest:", "Status: Downloaded newer image for …" (or "Image is up to date for …"
    /// when the name already pointed at that digest), then the full name. Credentials come from the docker config.
    /// </summary>
    public static async Task PullAsync(IBerthClient client, ImagePullOptions options, CancellationToken cancellationToken)
    {
        if (!ImageReference.TryParse(options.Reference, out var reference, out string? error))
        {
            throw new ClientException(error);
        }

        var request = new ImagePullRequest(options.Reference)
        {
            Platform = options.Platform is null ? null : HostPlatform.Parse(options.Platform),
            AllPlatforms = options.AllPlatforms,
            Credentials = await options.Credentials.GetAsync(reference.Registry, cancellationToken),
        };
        var printer = PullPrinter.Create(options.Stdout, options.IsTerminal, options.TerminalWidth, options.Time);
        if (!options.Quiet && IsImplicitlyTagged(options.Reference))
        {
            await printer.LineAsync("Using default tag: latest", cancellationToken);
        }

        Digest? before = await CurrentDigestAsync(client, reference, cancellationToken);
        string announcement = $"{reference.Tag ?? reference.Digest.ToString()}: Pulling from {reference.Repository}";
        bool announced = false;
        string? digest = null;
        await foreach (var progress in client.Transfer.PullAsync(request, cancellationToken))
        {
            if (progress.Status == TransferStatus.Done)
            {
                digest = progress.Detail;
            }
            else if (!options.Quiet && progress.Status != TransferStatus.Resolving)
            {
                announced = announced || await AnnounceAsync(printer, announcement, cancellationToken);
                await printer.LayerAsync(progress, cancellationToken);
            }
        }

        if (digest is null)
        {
            throw new InternalException($"the daemon ended the pull of {reference} without its result: see berthd's log, then pull again");
        }

        if (!options.Quiet)
        {
            _ = announced || await AnnounceAsync(printer, announcement, cancellationToken);
            await printer.LineAsync($"Digest: {digest}", cancellationToken);
            await printer.LineAsync(before?.ToString() == digest
                ? $"Status: Image is up to date for {reference.Familiar}"
                : $"Status: Downloaded newer image for {reference.Familiar}", cancellationToken);
        }

        await options.Stdout.WriteLineAsync(reference.ToString().AsMemory(), cancellationToken);
    }

    private static async Task<bool> AnnounceAsync(PullPrinter printer, string announcement, CancellationToken cancellationToken)
    {
        await printer.LineAsync(announcement, cancellationToken);
        return true;
    }

    // docker says "Using default tag" when the name has neither a tag nor a digest.
    private static bool IsImplicitlyTagged(string text)
        => !text.Contains('@', StringComparison.Ordinal) && !text[(text.LastIndexOf('/') + 1)..].Contains(':', StringComparison.Ordinal);

    private static async Task<Digest?> CurrentDigestAsync(IBerthClient client, ImageReference reference, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.Images.GetAsync(reference.ToString(), cancellationToken)).Target.Digest;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
