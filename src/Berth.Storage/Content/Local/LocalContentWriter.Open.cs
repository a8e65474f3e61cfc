using System.Security.Cryptography;
using Berth.Core.Content;
using Microsoft.Win32.SafeHandles;

namespace Berth.Storage.Content.Local;

internal sealed partial class LocalContentWriter
{
    /// <summary>Starts or resumes the ingest; the caller holds the ref's lock.</summary>
    public static async ValueTask<LocalContentWriter> OpenAsync(
        LocalContentStore store, IngestFolder ingest, ContentWriterOptions options, CancellationToken cancellationToken)
    {
        IngestRecord record;
        SafeFileHandle data;
        try
        {
            record = PrepareRecord(store, ingest, options);
            data = File.OpenHandle(ingest.DataPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        }
        catch (IOException ex) when (DiskErrors.IsDiskFull(ex))
        {
            throw DiskErrors.IngestDiskFull(options.Ref, store.Root, 0, ex);
        }

        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            // The hash state is not saved, so a resume hashes the bytes so far again (as containerd does).
            long offset = RandomAccess.GetLength(data);
            await FileHashing.AppendAsync(hash, data, offset, $"ingest {options.Ref}", cancellationToken).ConfigureAwait(false);
            var updatedAt = offset == 0 && record.StartedAt is { } started ? started : new DateTimeOffset(File.GetLastWriteTimeUtc(data));
            return new LocalContentWriter(store, ingest, record, data, hash, offset, updatedAt);
        }
        catch
        {
            data.Dispose();
            hash.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Keeps the ingest on disk when the writer describes the same content (same total and expected digest where both
    /// are known), filling in what was unknown; otherwise starts it afresh, since the bytes so far belong to something else.
    /// </summary>
    private static IngestRecord PrepareRecord(LocalContentStore store, IngestFolder ingest, ContentWriterOptions options)
    {
        var existing = ingest.ReadRecord();
        string? conflict = existing is null ? null : Conflict(existing, options);
        if (existing is not null && conflict is null)
        {
            long total = existing.Total > 0 ? existing.Total : options.ExpectedSize;
            var expected = existing.Expected ?? options.ExpectedDigest;
            if (total != existing.Total)
            {
                ingest.WriteTotal(total);
            }

            if (expected != existing.Expected)
            {
                ingest.WriteExpected(expected);
            }

            return existing with { Total = total, Expected = expected };
        }

        if (conflict is not null)
        {
            LocalContentStoreLog.IngestRestarted(store.Logger, options.Ref, conflict);
        }

        var fresh = new IngestRecord(options.Ref, DateTimeOffset.UtcNow, options.ExpectedSize, options.ExpectedDigest);
        ingest.Create(fresh);
        return fresh;
    }

    private static string? Conflict(IngestRecord existing, ContentWriterOptions options)
    {
        if (existing.Total > 0 && options.ExpectedSize > 0 && existing.Total != options.ExpectedSize)
        {
            return $"it was started for {existing.Total} bytes, the new writer expects {options.ExpectedSize}";
        }

        if (existing.Expected is { } was && options.ExpectedDigest is { } now && was != now)
        {
            return $"it was started for {was}, the new writer expects {now}";
        }

        return null;
    }
}
