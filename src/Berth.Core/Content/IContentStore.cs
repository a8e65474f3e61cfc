using Berth.Oci;

namespace Berth.Core.Content;

/// <summary>Reads committed blobs.</summary>
public interface IContentProvider
{
    /// <summary>Opens a blob for random access; NotFound if it is not committed.</summary>
    ValueTask<IContentReader> OpenReadAsync(Digest digest, CancellationToken cancellationToken = default);
}

/// <summary>Starts or resumes ingests.</summary>
public interface IContentIngester
{
    /// <summary>
    /// Opens the ingest named by <see cref="ContentWriterOptions.Ref"/>, resuming it if it exists.
    /// Unavailable if another writer holds the ref; AlreadyExists if the expected blob is committed already.
    /// </summary>
    ValueTask<IContentWriter> OpenWriterAsync(ContentWriterOptions options, CancellationToken cancellationToken = default);
}

/// <summary>Inspects, follows and cancels ingests.</summary>
public interface IIngestManager
{
    /// <summary>The status of one ingest; NotFound if there is none of that ref.</summary>
    ValueTask<ContentStatus> StatusAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads what the ingest has written so far, and more as its writer goes on (the reader's size grows): for
    /// unpacking a blob while it downloads. The bytes are unverified until the writer commits. NotFound if there is
    /// no ingest of that ref.
    /// </summary>
    ValueTask<IContentReader> OpenIngestReadAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>Every ingest matching the filters (fields: <c>ref</c>).</summary>
    IAsyncEnumerable<ContentStatus> ListStatusesAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default);

    /// <summary>Discards an ingest; NotFound if there is none of that ref.</summary>
    ValueTask AbortAsync(string reference, CancellationToken cancellationToken = default);
}

/// <summary>Inspects, relabels and deletes committed blobs.</summary>
public interface IContentManager
{
    /// <summary>What is known of one blob; NotFound if it is not committed.</summary>
    ValueTask<ContentInfo> InfoAsync(Digest digest, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a blob's labels following the field paths (<c>labels</c>, <c>labels.&lt;key&gt;</c>; none: replace
    /// all); other fields are immutable. Returns the updated info.
    /// </summary>
    ValueTask<ContentInfo> UpdateAsync(ContentInfo info, IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default);

    /// <summary>Every blob matching the filters (fields: <c>digest</c>, <c>size</c>, <c>labels.&lt;key&gt;</c>).</summary>
    IAsyncEnumerable<ContentInfo> WalkAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a blob; NotFound if it is not committed.</summary>
    ValueTask DeleteAsync(Digest digest, CancellationToken cancellationToken = default);
}

/// <summary>
/// Content-addressed blobs. Writes go <see cref="IContentIngester.OpenWriterAsync"/> → <see cref="IContentWriter.WriteAsync"/>
/// → <see cref="IContentWriter.CommitAsync"/>; until commit a write is visible only through <see cref="IIngestManager"/>,
/// afterwards only through <see cref="IContentProvider"/> and <see cref="IContentManager"/>. A blob is never visible
/// partially written.
/// </summary>
public interface IContentStore : IContentProvider, IContentIngester, IIngestManager, IContentManager
{
}
