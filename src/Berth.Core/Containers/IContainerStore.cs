namespace Berth.Core.Containers;

/// <summary>
/// The container records of one namespace (containerd's containers.Store). Only records: making the snapshot before
/// and removing it after is the client's work, as in containerd. Deleting a record wakes the garbage collector for
/// what only the container kept.
/// </summary>
public interface IContainerStore
{
    /// <summary>One container by id; NotFound if none.</summary>
    ValueTask<Container> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Containers matching any of the filters (fields: <c>id</c>, <c>image</c>, <c>runtime.name</c>,
    /// <c>labels.&lt;key&gt;</c>), by id.
    /// </summary>
    IAsyncEnumerable<Container> ListAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a container and returns it with its times; AlreadyExists if the id is taken, InvalidArgument if the id
    /// is not an identifier or the runtime name or spec is missing. Labels with an empty value are dropped.
    /// </summary>
    ValueTask<Container> CreateAsync(Container container, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates the container named by <see cref="Container.Id"/> and returns the result. Field paths: <c>labels</c>,
    /// <c>labels.&lt;key&gt;</c>, <c>image</c>, <c>spec</c>, <c>snapshotkey</c>, <c>extensions</c>,
    /// <c>extensions.&lt;name&gt;</c>; a key absent from the update removes it. Without paths, labels, image, spec,
    /// snapshot key and extensions are replaced, and the runtime name and snapshotter must be unchanged. Any other
    /// path (the runtime, the snapshotter) is InvalidArgument: those never change.
    /// </summary>
    ValueTask<Container> UpdateAsync(Container container, IReadOnlyList<string>? fieldPaths = null,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes a container; NotFound if none. Its snapshot is not removed here (the client removes it).</summary>
    ValueTask DeleteAsync(string id, CancellationToken cancellationToken = default);
}
