using Berth.Core.Engine;

namespace Berth.Client;

/// <summary>
/// berthd's container changes (<c>berth.containers.v1.Changes</c>) in the client's namespace: <see cref="IContainerChanges"/>
/// without the scope.
/// </summary>
public interface IContainerChangesClient
{
    /// <summary>What the container added, changed or deleted against its image, parents first; NotFound <c>No such container: x</c>.</summary>
    ValueTask<IReadOnlyList<FileChange>> DiffAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Makes an image of the container and returns its id (<c>sha256:…</c>).</summary>
    ValueTask<string> CommitAsync(ContainerCommit request, CancellationToken cancellationToken = default);
}
