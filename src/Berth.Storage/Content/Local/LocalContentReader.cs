using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;
using Microsoft.Win32.SafeHandles;

namespace Berth.Storage.Content.Local;

/// <summary>Positional reads (pread) of one blob; the handle has no shared position, so concurrent reads are safe.</summary>
internal sealed class LocalContentReader(SafeFileHandle handle, Digest digest) : IContentReader
{
    // A committed blob never changes, so its length is read once.
    public long Size { get; } = RandomAccess.GetLength(handle);

    public async ValueTask<int> ReadAtAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        if (offset < 0)
        {
            throw new InvalidArgumentException($"content {digest}: read offset {offset} is negative");
        }

        if (offset >= Size || buffer.IsEmpty)
        {
            return 0;
        }

        return await RandomAccess.ReadAsync(handle, buffer, offset, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        handle.Dispose();
        return ValueTask.CompletedTask;
    }
}
