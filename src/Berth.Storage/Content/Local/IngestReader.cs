using Berth.Core.Content;
using Berth.Core.Errors;
using Microsoft.Win32.SafeHandles;

namespace Berth.Storage.Content.Local;

/// <summary>
/// Positional reads of an ingest's data file while its writer appends to it. The open handle stays valid when the
/// writer commits (the file is renamed into the blobs) or the ingest is aborted (unlinked).
/// </summary>
internal sealed class IngestReader(SafeFileHandle handle, string reference) : IContentReader
{
    /// <summary>What is written now; more may follow.</summary>
    public long Size => RandomAccess.GetLength(handle);

    public async ValueTask<int> ReadAtAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        if (offset < 0)
        {
            throw new InvalidArgumentException($"ingest {reference}: read offset {offset} is negative");
        }

        return buffer.IsEmpty ? 0 : await RandomAccess.ReadAsync(handle, buffer, offset, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        handle.Dispose();
        return ValueTask.CompletedTask;
    }
}
