using Berth.Client;
using Berth.Core.Transfer;
using Berth.Operations.Output;

namespace Berth.Operations.Images;

public static partial class ImageOperations
{
    /// <summary>
    /// Streams an archive (docker or OCI, plain or gzip) to the daemon, which loads and unpacks its images, and prints
    /// "Loaded image: name:tag" per name, or "Loaded image ID: sha256:…" for an image without one, as docker load does.
    /// </summary>
    public static async Task LoadAsync(IBerthClient client, ImageLoadOptions options, CancellationToken cancellationToken)
    {
        if (options.Input is null && options.StdinIsTerminal)
        {
            throw new ClientException("requested load from stdin, but stdin is empty");
        }

        var input = options.Input is null ? options.Stdin : OpenInput(options.Input);
        await using (options.Input is null ? Stream.Null : input)
        {
            await foreach (var progress in client.Archives.ImportAsync(new ImageImportRequest(ImportKind.Archive), input, cancellationToken))
            {
                if (progress.Status == TransferStatus.Done)
                {
                    string line = DanglingNames.IsDangling(progress.Id) ? $"Loaded image ID: {progress.Detail}" : $"Loaded image: {ImageName.Of(progress.Id).Familiar}";
                    await options.Stdout.WriteLineAsync(line.AsMemory(), cancellationToken);
                }
            }
        }
    }

    private static FileStream OpenInput(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ClientException($"open {path}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : ex.Message)}");
        }
    }
}
