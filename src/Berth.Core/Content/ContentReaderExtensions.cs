namespace Berth.Core.Content;

/// <summary>Conveniences over <see cref="IContentReader"/>.</summary>
public static class ContentReaderExtensions
{
    /// <summary>A forward-only stream over the blob, starting at <paramref name="offset"/>; the reader stays owned by the caller.</summary>
    public static Stream AsStream(this IContentReader reader, long offset = 0) => new ContentReaderStream(reader, offset);

    /// <summary>Reads a whole (small) blob into memory.</summary>
    public static async ValueTask<byte[]> ReadAllBytesAsync(this IContentProvider provider, Oci.Digest digest, CancellationToken cancellationToken = default)
    {
        var reader = await provider.OpenReadAsync(digest, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var bytes = new byte[reader.Size];
            int total = 0;
            while (total < bytes.Length)
            {
                int read = await reader.ReadAtAsync(bytes.AsMemory(total), total, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new Errors.FailedPreconditionException($"content {digest} ended after {total} of {bytes.Length} bytes");
                }

                total += read;
            }

            return bytes;
        }
    }

    private sealed class ContentReaderStream(IContentReader reader, long position) : IO.ForwardReadStream
    {
        public override long Length => reader.Size;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await reader.ReadAtAsync(buffer, position, cancellationToken).ConfigureAwait(false);
            position += read;
            return read;
        }
    }
}
