namespace Berth.Core.Images;

/// <summary>Image records of one namespace. Changing one wakes the garbage collector for what it no longer references.</summary>
public interface IImageStore
{
    /// <summary>One image by name; NotFound if none.</summary>
    ValueTask<Image> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Images matching the filters (fields: <c>name</c>, <c>target.digest</c>, <c>target.mediatype</c>, <c>labels.&lt;key&gt;</c>).</summary>
    IAsyncEnumerable<Image> ListAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default);

    /// <summary>Creates an image; AlreadyExists if the name is taken.</summary>
    ValueTask<Image> CreateAsync(Image image, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates an image (field paths <c>labels</c>, <c>labels.&lt;key&gt;</c>, <c>target</c>, <c>annotations</c>;
    /// none: labels and target).
    /// </summary>
    ValueTask<Image> UpdateAsync(Image image, IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes an image; NotFound if none. With <paramref name="synchronous"/>, returns after garbage collection.</summary>
    ValueTask DeleteAsync(string name, bool synchronous = false, CancellationToken cancellationToken = default);
}
