using Berth.Client;
using Berth.Core.Transfer;
using Berth.Operations.Output;

namespace Berth.Operations.Images;

public static partial class ImageOperations
{
    /// <summary>
    /// Has the daemon write the images as one archive (docker save): to -o's file, which appears only once complete, or
    /// to standard output unless that is a terminal. An image given by name is saved under that name, one given by id
    /// without names.
    /// </summary>
    public static async Task SaveAsync(IBerthClient client, ImageSaveOptions options, CancellationToken cancellationToken)
    {
        if (options.Output is null && options.StdoutIsTerminal)
        {
            throw new ClientException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }

        var catalog = await ImageCatalog.LoadAsync(client, cancellationToken);
        var images = new List<ExportedImage>();
        foreach (string text in options.Images)
        {
            var match = catalog.Find(text);
            images.AddRange(match.ById ? [new ExportedImage(match.Records[0].Name, Untagged: true)] : match.Records.Select(r => new ExportedImage(r.Name)));
        }

        var request = new ImageExportRequest(images)
        {
            Format = options.Format,
            Platform = options.Platform is null ? null : HostPlatform.Parse(options.Platform),
        };
        if (options.Output is null)
        {
            await client.Archives.ExportAsync(request, options.Stdout, cancellationToken);
            await options.Stdout.FlushAsync(cancellationToken);
            return;
        }

        await WriteFileAsync(options.Output, stream => client.Archives.ExportAsync(request, stream, cancellationToken), cancellationToken);
    }

    // docker's CopyToFile: a temporary file beside the target, renamed over it when complete.
    private static async Task WriteFileAsync(string path, Func<Stream, ValueTask> write, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (file)
            {
                await write(file);
                await file.FlushAsync(cancellationToken);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ClientException($"failed to save to {path}: {ex.Message}");
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
