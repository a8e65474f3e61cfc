using System.Security.Cryptography;
using Berth.Core.Errors;
using Berth.Oci;
using Microsoft.Win32.SafeHandles;

namespace Berth.Storage.Content.Local;

internal sealed partial class LocalContentWriter
{
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Writable = ReadOnly | UnixFileMode.UserWrite;

    /// <summary>
    /// Verifies and publishes the blob. A size or digest mismatch leaves the writer open and the ingest as it is; an
    /// existing blob discards the ingest. Labels are ignored: this backend keeps none.
    /// </summary>
    public async ValueTask CommitAsync(
        long size, Digest? expected, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        var file = OpenData();
        try
        {
            CutBack(file);
            RandomAccess.FlushToDisk(file);
        }
        catch (IOException ex) when (DiskErrors.IsDiskFull(ex))
        {
            // After a failed fsync the page cache may no longer match the disk: a resume hashes what the disk holds.
            Close(deleteIngest: false);
            throw DiskErrors.IngestDiskFull(Ref, _store.Root, _offset, ex);
        }

        long length = RandomAccess.GetLength(file);
        if (length != _offset)
        {
            throw new InternalException(
                $"ingest {Ref} holds {length} bytes on disk but {_offset} were written: abort the ref and write it again");
        }

        if (size > 0 && size != _offset)
        {
            throw new FailedPreconditionException(
                $"unexpected commit size {_offset}, expected {size}: ingest {Ref} is kept; write the missing bytes or truncate, then commit again");
        }

        var digest = await VerifyDigestAsync(file, expected, cancellationToken).ConfigureAwait(false);
        string blob = _store.BlobPath(digest);
        if (File.Exists(blob))
        {
            Close(deleteIngest: true, digest);
            throw new AlreadyExistsException($"content {digest} already exists");
        }

        Publish(file, blob, digest);
    }

    private async ValueTask<Digest> VerifyDigestAsync(SafeFileHandle file, Digest? expected, CancellationToken cancellationToken)
    {
        var written = Digest.FromSha256Hash(_hash.GetCurrentHash());
        if (expected is not { } wanted || wanted == written)
        {
            return written;
        }

        if (!wanted.TryGetHashAlgorithm(out var algorithm))
        {
            throw new InvalidArgumentException(
                $"cannot verify commit digest {wanted}: algorithm {wanted.Algorithm} is not supported; use sha256 or sha512");
        }

        if (wanted.Algorithm == written.Algorithm)
        {
            throw DigestMismatch(written, wanted);
        }

        // Only sha256 is hashed while writing; another algorithm is checked by reading the bytes back once.
        using var hash = IncrementalHash.CreateHash(algorithm);
        await FileHashing.AppendAsync(hash, file, _offset, $"ingest {Ref}", cancellationToken).ConfigureAwait(false);
        var actual = Digest.FromHash(wanted.Algorithm, hash.GetHashAndReset());
        return actual == wanted ? actual : throw DigestMismatch(actual, wanted);
    }

    private FailedPreconditionException DigestMismatch(Digest actual, Digest wanted)
        => new($"unexpected commit digest {actual}, expected {wanted}: ingest {Ref} is kept; truncate it and write the right content, or abort it");

    // chmod, fsync, rename(2), fsync of the folder: the blob appears whole or not at all, and stays after a crash.
    private void Publish(SafeFileHandle file, string blob, Digest digest)
    {
        string folder = Path.GetDirectoryName(blob)!;
        File.SetUnixFileMode(file, ReadOnly);
        try
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow);
            RandomAccess.FlushToDisk(file);
            Directory.CreateDirectory(folder);
            File.Move(_ingest.DataPath, blob, overwrite: true);
        }
        catch (IOException ex)
        {
            // Not published: the ingest stays writable and resumable.
            File.SetUnixFileMode(file, Writable);
            if (DiskErrors.IsDiskFull(ex))
            {
                throw DiskErrors.IngestDiskFull(Ref, _store.Root, _offset, ex);
            }

            throw;
        }

        _committed = true;
        try
        {
            _store.Syscalls.SyncDirectory(folder);
        }
        finally
        {
            Close(deleteIngest: true, digest);
        }
    }
}
