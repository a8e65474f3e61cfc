using Berth.Client;
using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Operations.Output;

namespace Berth.Operations.Images;

public static partial class ImageOperations
{
    /// <summary>
    /// docker import: streams a root filesystem tarball (a file, an http(s) URL fetched here, or standard input) to the
    /// daemon, which makes a one-layer image of it; prints the new image's id.
    /// </summary>
    public static async Task ImportAsync(IBerthClient client, ImageImportOptions options, CancellationToken cancellationToken)
    {
        var request = new ImageImportRequest(ImportKind.Rootfs)
        {
            Reference = options.Reference,
            Changes = options.Changes,
            Message = options.Message,
            Platform = options.Platform is null ? null : HostPlatform.Parse(options.Platform),
            Source = options.Source,
        };
        using var http = IsUrl(options.Source) ? new HttpClient() : null;
        var input = options.Source == "-" ? options.Stdin
            : http is not null ? await OpenUrlAsync(http, options.Source, cancellationToken)
            : OpenInput(options.Source);
        string? id = null;
        await using (options.Source == "-" ? Stream.Null : input)
        {
            await foreach (var progress in client.Archives.ImportAsync(request, input, cancellationToken))
            {
                id = progress.Status == TransferStatus.Done ? progress.Detail : id;
            }
        }

        await options.Stdout.WriteLineAsync((id ?? throw new InternalException("the daemon ended the import without the image's id: see berthd's log")).AsMemory(),
            cancellationToken);
    }

    private static bool IsUrl(string source)
        => source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static async Task<Stream> OpenUrlAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        try
        {
            var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ClientException($"Get \"{url}\": {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            return await response.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ClientException($"Get \"{url}\": {ex.Message}");
        }
    }
}
