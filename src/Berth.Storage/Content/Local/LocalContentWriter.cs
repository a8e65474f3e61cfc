using System.Runtime.Versioning;
using System.Security.Cryptography;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;
using Microsoft.Win32.SafeHandles;

namespace Berth.Storage.Content.Local;

/// <summary>
/// One open ingest of a <see cref="LocalContentStore"/>. Bytes go straight to <c>data</c> with positional writes (no
/// buffer of our own), so the file on disk always holds exactly <see cref="_offset"/> bytes and a resume, even after
/// a restart, continues from the file's length. The writer holds the ref's lock until it is committed or disposed.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LocalContentWriter : IContentWriter
{
    private readonly LocalContentStore _store;
    private readonly IngestFolder _ingest;
    private readonly IncrementalHash _hash;
    private readonly long _total;
    private readonly Digest? _expected;
    private readonly DateTimeOffset _startedAt;
    private SafeFileHandle? _data;
    private long _offset;
    private DateTimeOffset _updatedAt;
    private Digest _finalDigest;
    private bool _committed;

    private LocalContentWriter(
        LocalContentStore store, IngestFolder ingest, IngestRecord record, SafeFileHandle data, IncrementalHash hash, long offset,
        DateTimeOffset updatedAt)
    {
        _store = store;
        _ingest = ingest;
        Ref = record.Ref;
        _total = record.Total;
        _expected = record.Expected;
        _startedAt = record.StartedAt ?? updatedAt;
        _data = data;
        _hash = hash;
        _offset = offset;
        _updatedAt = updatedAt;
    }

    public string Ref { get; }

    public Digest Digest => _data is null ? _finalDigest : Digest.FromSha256Hash(_hash.GetCurrentHash());

    public ValueTask<ContentStatus> StatusAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult(new ContentStatus(Ref, _offset, _total, _expected, _startedAt, _updatedAt));

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var file = OpenData();
        if (data.IsEmpty)
        {
            return;
        }

        try
        {
            await RandomAccess.WriteAsync(file, data, _offset, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // A failed write may have landed in part: cut it off so that file, offset and hash agree.
            CutBack(file);
            if (ex is IOException io && DiskErrors.IsDiskFull(io))
            {
                throw DiskErrors.IngestDiskFull(Ref, _store.Root, _offset, io);
            }

            throw;
        }

        _hash.AppendData(data.Span);
        _offset += data.Length;
        _updatedAt = DateTimeOffset.UtcNow;
    }

    public async ValueTask TruncateAsync(long size, CancellationToken cancellationToken = default)
    {
        var file = OpenData();
        if (size < 0 || size > _offset)
        {
            throw new InvalidArgumentException(
                $"cannot truncate ingest {Ref} to {size} bytes: it holds {_offset}; give a size from 0 to {_offset}");
        }

        RandomAccess.SetLength(file, size);
        _offset = size;
        _updatedAt = DateTimeOffset.UtcNow;
        _hash.GetHashAndReset();
        try
        {
            await FileHashing.AppendAsync(_hash, file, size, $"ingest {Ref}", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The running hash is now partial: only a reopen, which hashes the file again, can continue.
            Close(deleteIngest: false);
            throw;
        }
    }
}
