using Berth.Core.Metadata;

namespace Berth.Core.Transfer;

/// <summary>
/// Moves images between archives and a namespace's stores, inside the daemon: <c>save</c> writes docker's archive
/// layout (which is also an OCI layout), <c>load</c> reads docker and OCI archives, <c>import</c> makes an image of a
/// root filesystem tarball. Archives are streamed both ways; neither an archive nor a layer is held in memory.
/// </summary>
public interface IImageArchives
{
    /// <summary>
    /// Writes the images to <paramref name="destination"/> as a tar archive. Every image is looked up (NotFound for a
    /// missing one, FailedPrecondition for missing content) before the first byte is written.
    /// </summary>
    ValueTask ExportAsync(INamespaceScope scope, ImageExportRequest request, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads <paramref name="source"/> into images of the scope and unpacks them, reporting one
    /// <see cref="TransferStatus.Done"/> item per image made: the record's name as id (<see cref="DanglingNames"/> for an
    /// image without one) and the image id (its config digest) as detail. A malformed or incomplete archive fails
    /// with InvalidArgument or FailedPrecondition and leaves the store as it was.
    /// </summary>
    IAsyncEnumerable<TransferProgress> ImportAsync(INamespaceScope scope, ImageImportRequest request, Stream source,
        CancellationToken cancellationToken = default);
}
