using System.Runtime.CompilerServices;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Filters;

namespace Berth.Storage.Content.Local;

internal sealed partial class LocalContentStore
{
    /// <inheritdoc />
    public async ValueTask<IContentWriter> OpenWriterAsync(ContentWriterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.Ref))
        {
            throw new InvalidArgumentException("ref must not be empty: name the write so that it can be resumed");
        }

        if (options.ExpectedSize < 0)
        {
            throw new InvalidArgumentException($"ref {options.Ref}: expected size {options.ExpectedSize} is negative; give 0 when unknown");
        }

        if (options.ExpectedDigest is { } expected && File.Exists(BlobPath(expected)))
        {
            throw new AlreadyExistsException($"content {expected} already exists");
        }

        var ingest = IngestFolderOf(options.Ref);
        IngestLocks.Acquire(ingest, options.Ref);
        try
        {
            return await LocalContentWriter.OpenAsync(this, ingest, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            IngestLocks.Release(ingest);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<ContentStatus> StatusAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        cancellationToken.ThrowIfCancellationRequested();
        var status = string.IsNullOrEmpty(reference) ? null : IngestFolderOf(reference).ReadStatus();
        return status is not null && status.Ref == reference
            ? ValueTask.FromResult(status)
            : throw IngestNotFound(reference);
    }

    /// <inheritdoc />
    public ValueTask<IContentReader> OpenIngestReadAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        cancellationToken.ThrowIfCancellationRequested();
        var ingest = string.IsNullOrEmpty(reference) ? null : IngestFolderOf(reference);
        if (ingest?.ReadRecord() is not { } record || record.Ref != reference)
        {
            throw IngestNotFound(reference);
        }

        try
        {
            var handle = File.OpenHandle(ingest.DataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return ValueTask.FromResult<IContentReader>(new IngestReader(handle, reference));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw IngestNotFound(reference);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ContentStatus> ListStatusesAsync(
        IReadOnlyList<string>? filters = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = Filter.Parse(filters);
        foreach (string folder in Directory.EnumerateDirectories(_ingestPath))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // An ingest committed or aborted meanwhile, or one half created, reads as null and is skipped.
            var status = new IngestFolder(folder).ReadStatus();
            if (status is not null && filter.Match(path => path is ["ref"] ? status.Ref : null))
            {
                yield return status;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask AbortAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        cancellationToken.ThrowIfCancellationRequested();
        if (reference.Length == 0)
        {
            throw IngestNotFound(reference);
        }

        var ingest = IngestFolderOf(reference);
        IngestLocks.Acquire(ingest, reference);
        try
        {
            if (!Directory.Exists(ingest.Path))
            {
                throw IngestNotFound(reference);
            }

            Directory.Delete(ingest.Path, recursive: true);
        }
        finally
        {
            IngestLocks.Release(ingest);
        }

        return ValueTask.CompletedTask;
    }

    private static NotFoundException IngestNotFound(string reference)
        => new($"ingest ref {reference}: not found; no write of that ref is in progress");
}
