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
    /// Has the daemon push an image and shows it as `docker push` does: "The push refers to repository [...]", a line per
    /// layer ("Pushed", "Layer already exists", "Mounted from …"), then "&lt;tag&gt;: digest: … size: …" for each tag
    /// pushed. Credentials come from the docker config.
    /// </summary>
    public static async Task PushAsync(IBerthClient client, ImagePushOptions options, CancellationToken cancellationToken)
    {
        if (!ImageReference.TryParse(options.Reference, out var reference, out string? error))
        {
            throw new ClientException(error);
        }

        bool implicitTag = IsImplicitlyTagged(options.Reference);
        if (options.AllTags && !implicitTag)
        {
            throw new ClientException("tag can't be used with --all-tags/-a", 125);
        }

        var platform = options.Platform is null ? null : HostPlatform.Parse(options.Platform);
        var credentials = await options.Credentials.GetAsync(reference.Registry, cancellationToken);
        var printer = PullPrinter.Create(options.Stdout, options.IsTerminal, options.TerminalWidth, options.Time, push: true);
        if (!options.Quiet)
        {
            if (implicitTag && !options.AllTags)
            {
                await printer.LineAsync("Using default tag: latest", cancellationToken);
            }

            await printer.LineAsync($"The push refers to repository [{reference.Name}]", cancellationToken);
        }

        var tags = options.AllTags ? await LocalTagsAsync(client, reference, cancellationToken) : [reference];
        foreach (var tag in tags)
        {
            var request = new ImagePushRequest(tag.ToString()) { Platform = platform, Credentials = credentials };
            var (digest, size) = await PushOneAsync(client, request, options.Quiet ? null : printer, cancellationToken);
            if (!options.Quiet)
            {
                await printer.LineAsync($"{tag.Tag ?? tag.Digest.ToString()}: digest: {digest} size: {size}", cancellationToken);
            }
        }

        if (options.Quiet)
        {
            await options.Stdout.WriteLineAsync((implicitTag ? reference.Name : reference.ToString()).AsMemory(), cancellationToken);
        }
    }

    private static async Task<(string Digest, long Size)> PushOneAsync(IBerthClient client, ImagePushRequest request, PullPrinter? printer,
        CancellationToken cancellationToken)
    {
        await foreach (var progress in client.Transfer.PushAsync(request, cancellationToken))
        {
            if (progress.Status == TransferStatus.Done)
            {
                return (progress.Detail ?? string.Empty, progress.Total);
            }

            if (printer is not null && progress.Status != TransferStatus.Resolving)
            {
                await printer.LayerAsync(progress, cancellationToken);
            }
        }

        throw new InternalException($"the daemon ended the push of {request.Reference} without its result: see berthd's log, then push again");
    }

    // docker's --all-tags: every tagged name of the repository in the local store, in name order.
    private static async Task<List<ImageReference>> LocalTagsAsync(IBerthClient client, ImageReference repository, CancellationToken cancellationToken)
    {
        var tags = new List<ImageReference>();
        await foreach (var image in client.Images.ListAsync(cancellationToken: cancellationToken))
        {
            if (ImageReference.TryParse(image.Name, out var name, out _) && name.Name == repository.Name && name is { Tag: not null, Digest: null })
            {
                tags.Add(name);
            }
        }

        if (tags.Count == 0)
        {
            string familiar = repository.Familiar[..^(":" + repository.Tag).Length];
            throw new NotFoundException($"An image does not exist locally with the tag: {familiar}");
        }

        return [.. tags.OrderBy(t => t.Tag, StringComparer.Ordinal)];
    }
}
