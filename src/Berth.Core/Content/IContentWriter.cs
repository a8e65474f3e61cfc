using Berth.Oci;

namespace Berth.Core.Content;

/// <summary>
/// One open ingest. Bytes are appended with <see cref="WriteAsync"/>; <see cref="CommitAsync"/> checks size and
/// digest and only then makes the blob visible. Disposing without committing keeps the ingest so that it can be
/// resumed by opening the same ref again; <see cref="IIngestManager.AbortAsync"/> discards it.
/// </summary>
public interface IContentWriter : IAsyncDisposable
{
    /// <summary>The ingest's ref.</summary>
    string Ref { get; }

    /// <summary>The digest of the bytes written so far.</summary>
    Digest Digest { get; }

    /// <summary>The ingest's progress.</summary>
    ValueTask<ContentStatus> StatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends bytes at the current offset.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Cuts the ingest back to <paramref name="size"/> bytes (0 restarts it).</summary>
    ValueTask TruncateAsync(long size, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the content a blob. <paramref name="size"/> (when &gt; 0) and <paramref name="expected"/> (when given)
    /// must match what was written, else FailedPrecondition and the ingest stays as it is. If the blob exists
    /// already, AlreadyExists and the ingest is discarded.
    /// </summary>
    ValueTask CommitAsync(long size, Digest? expected, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default);
}
