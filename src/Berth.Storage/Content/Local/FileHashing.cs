using System.Buffers;
using System.Security.Cryptography;
using Berth.Core.Errors;
using Microsoft.Win32.SafeHandles;

namespace Berth.Storage.Content.Local;

/// <summary>Hashes a prefix of a file through one pooled buffer, never holding the file in memory.</summary>
internal static class FileHashing
{
    private const int BufferSize = 1 << 20;

    /// <summary>Adds the first <paramref name="length"/> bytes of <paramref name="file"/> (named <paramref name="what"/> in errors).</summary>
    public static async ValueTask AppendAsync(
        IncrementalHash hash, SafeFileHandle file, long length, string what, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            for (long offset = 0; offset < length;)
            {
                int wanted = (int)Math.Min(buffer.Length, length - offset);
                int read = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, wanted), offset, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new InternalException(
                        $"{what} ended after {offset} of {length} bytes: something else changed it; abort it and write it again");
                }

                hash.AppendData(buffer, 0, read);
                offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
