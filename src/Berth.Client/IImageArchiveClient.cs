using Berth.Core.Transfer;

namespace Berth.Client;

/// <summary>
/// berthd's archive transfers (berth's Transfer service): the daemon reads and writes the archives, the client streams
/// their bytes. Errors come from the closed error set.
/// </summary>
public interface IImageArchiveClient
{
    /// <summary>Has the daemon write the images as an archive and copies it to <paramref name="destination"/> as it comes.</summary>
    ValueTask ExportAsync(ImageExportRequest request, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams <paramref name="source"/> to the daemon, which makes images of it, and returns the daemon's progress: one
    /// <see cref="TransferStatus.Done"/> item per image, with the record name as id and the image id as detail.
    /// </summary>
    IAsyncEnumerable<TransferProgress> ImportAsync(ImageImportRequest request, Stream source, CancellationToken cancellationToken = default);
}
