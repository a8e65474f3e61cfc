using Berth.Core.Errors;
using Berth.Oci;
using Microsoft.Win32.SafeHandles;

namespace Berth.Storage.Content.Local;

internal sealed partial class LocalContentWriter
{
    public ValueTask DisposeAsync()
    {
        if (_data is { } file)
        {
            try
            {
                CutBack(file);
                // The data file's mtime is the ingest's update time once no writer holds it.
                File.SetLastWriteTimeUtc(file, _updatedAt.UtcDateTime);
                RandomAccess.FlushToDisk(file);
            }
            catch (IOException ex)
            {
                LocalContentStoreLog.IngestFlushFailed(_store.Logger, Ref, ex);
            }

            Close(deleteIngest: false);
        }

        return ValueTask.CompletedTask;
    }

    private SafeFileHandle OpenData() => _data ?? throw new FailedPreconditionException(_committed
        ? $"writer of ref {Ref} was committed already: open a new writer for more content"
        : $"writer of ref {Ref} is closed: open a new writer of the ref to go on");

    private void CutBack(SafeFileHandle file)
    {
        try
        {
            if (RandomAccess.GetLength(file) != _offset)
            {
                RandomAccess.SetLength(file, _offset);
            }
        }
        catch (IOException)
        {
            // Leave it: commit cuts back again, and a resume hashes whatever the file holds.
        }
    }

    /// <summary>Releases the file, the hash and the ref's lock; the ingest folder stays unless asked otherwise.</summary>
    private void Close(bool deleteIngest, Digest? finalDigest = null)
    {
        if (_data is null)
        {
            return;
        }

        _finalDigest = finalDigest ?? Digest.FromSha256Hash(_hash.GetCurrentHash());
        _data.Dispose();
        _data = null;
        _hash.Dispose();
        try
        {
            if (deleteIngest)
            {
                DeleteIngestFolder();
            }
        }
        finally
        {
            // Released last, so that a new writer of the ref cannot see a folder that is being deleted.
            IngestLocks.Release(_ingest);
        }
    }

    private void DeleteIngestFolder()
    {
        try
        {
            Directory.Delete(_ingest.Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LocalContentStoreLog.IngestCleanupFailed(_store.Logger, Ref, _ingest.Path, ex);
        }
    }
}
