using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Remotes.Pull;

/// <summary>
/// Reads a blob from its ingest while the download writes it: a read past what is written waits for the bytes. When
/// the download ends short of the bytes (it failed), the read fails; the pull then reports the download's own error.
/// </summary>
internal sealed class ArrivingBlobReader(IContentReader ingest, LayerArrival arrival, Descriptor blob) : IContentReader
{
    public long Size => blob.Size;

    public async ValueTask<int> ReadAtAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || offset >= blob.Size)
        {
            return 0;
        }

        var (written, ended) = await arrival.WaitBeyondAsync(offset, cancellationToken);
        if (written <= offset && ended)
        {
            throw new UnavailableException($"the download of {blob.Digest} stopped at byte {written} of {blob.Size}");
        }

        int count = (int)Math.Min(buffer.Length, written - offset);
        return await ingest.ReadAtAsync(buffer[..count], offset, cancellationToken);
    }

    public ValueTask DisposeAsync() => ingest.DisposeAsync();
}
