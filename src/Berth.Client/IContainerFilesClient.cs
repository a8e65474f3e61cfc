using Berth.Core.Engine;

namespace Berth.Client;

/// <summary>
/// A container's files as tar streams (<c>berth.containers.v1.Files</c>) in the client's namespace:
/// <see cref="IContainerFiles"/> without the scope. The client streams the bytes; berthd reads and writes the files.
/// </summary>
public interface IContainerFilesClient
{
    /// <summary>What is at <paramref name="path"/> in the container; NotFound <c>Could not find the file …</c>.</summary>
    ValueTask<ContainerPathStat> StatPathAsync(string container, string path, CancellationToken cancellationToken = default);

    /// <summary>Copies the tar of what is at <paramref name="path"/> to <paramref name="destination"/> as it comes.</summary>
    ValueTask CopyFromAsync(string container, string path, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>Streams the tar read from <paramref name="source"/> to berthd, which unpacks it into the folder named.</summary>
    ValueTask CopyToAsync(string container, ContainerCopyTo request, Stream source, CancellationToken cancellationToken = default);

    /// <summary>Copies the tar of the container's root filesystem to <paramref name="destination"/> as it comes.</summary>
    ValueTask ExportAsync(string container, Stream destination, CancellationToken cancellationToken = default);
}
