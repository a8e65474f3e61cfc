using System.Buffers;
using System.Text;
using Berth.Core.Errors;

namespace Berth.Remotes.Archive;

/// <summary>
/// Writes a POSIX ustar archive to a stream that only goes forward (System.Formats.Tar's writer needs a seekable data
/// stream for each entry, and a blob is read from the content store as it is written). Names are short here
/// (<c>blobs/sha256/&lt;64 hex&gt;</c>), so ustar's 100 bytes suffice; sizes past ustar's 8 GiB use GNU's base-256 form.
/// </summary>
internal sealed class TarOutput(Stream destination)
{
    private const int BlockSize = 512;
    private const int CopyBufferSize = 256 * 1024;

    public Task DirectoryAsync(string name, CancellationToken cancellationToken)
        => HeaderAsync(name.TrimEnd('/') + "/", 0, '5', 0b111_101_101, cancellationToken);

    public async Task FileAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await HeaderAsync(name, content.Length, '0', 0b110_100_100, cancellationToken);
        await destination.WriteAsync(content, cancellationToken);
        await PadAsync(content.Length, cancellationToken);
    }

    /// <summary>Writes a file of <paramref name="size"/> bytes copied from <paramref name="content"/>, which must hold exactly that many.</summary>
    public async Task FileAsync(string name, long size, Stream content, CancellationToken cancellationToken)
    {
        await HeaderAsync(name, size, '0', 0b110_100_100, cancellationToken);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long written = 0;
            for (int read; (read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, size - written + 1)), cancellationToken)) > 0;)
            {
                if (written + read > size)
                {
                    throw new FailedPreconditionException($"{name} holds more than the {size} bytes recorded for it: the content store is inconsistent");
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                written += read;
            }

            if (written != size)
            {
                throw new FailedPreconditionException($"{name} ended after {written} of its {size} bytes: the content store is inconsistent");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await PadAsync(size, cancellationToken);
    }

    /// <summary>The two zero blocks that end an archive.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await destination.WriteAsync(new byte[2 * BlockSize], cancellationToken);
        await destination.FlushAsync(cancellationToken);
    }

    private async Task HeaderAsync(string name, long size, char type, int mode, CancellationToken cancellationToken)
    {
        byte[] header = new byte[BlockSize];
        if (Encoding.UTF8.GetByteCount(name) > 100)
        {
            throw new InvalidArgumentException($"archive entry name {name} is longer than 100 bytes");
        }

        Encoding.UTF8.GetBytes(name, header.AsSpan(0, 100));
        Octal(header.AsSpan(100, 8), mode);
        Octal(header.AsSpan(108, 8), 0);
        Octal(header.AsSpan(116, 8), 0);
        Size(header.AsSpan(124, 12), size);
        Octal(header.AsSpan(136, 12), 0);
        header[156] = (byte)type;
        "ustar\0"u8.CopyTo(header.AsSpan(257));
        "00"u8.CopyTo(header.AsSpan(263));
        Octal(header.AsSpan(329, 8), 0);
        Octal(header.AsSpan(337, 8), 0);
        // The checksum is computed with its own field as spaces.
        header.AsSpan(148, 8).Fill((byte)' ');
        int sum = 0;
        foreach (byte b in header)
        {
            sum += b;
        }

        Octal(header.AsSpan(148, 7), sum);
        header[155] = (byte)' ';
        await destination.WriteAsync(header, cancellationToken);
    }

    private async Task PadAsync(long size, CancellationToken cancellationToken)
    {
        int padding = (int)((BlockSize - (size % BlockSize)) % BlockSize);
        if (padding > 0)
        {
            await destination.WriteAsync(new byte[padding], cancellationToken);
        }
    }

    // Zero-padded octal digits and a NUL, filling the field.
    private static void Octal(Span<byte> field, long value)
    {
        string digits = Convert.ToString(value, 8).PadLeft(field.Length - 1, '0');
        Encoding.ASCII.GetBytes(digits, field);
        field[^1] = 0;
    }

    private static void Size(Span<byte> field, long size)
    {
        if (size < 1L << 33)
        {
            Octal(field, size);
            return;
        }

        // GNU base-256: the high bit of the first byte set, the value big-endian in the rest.
        field.Clear();
        for (int i = field.Length - 1; i > 0 && size > 0; i--, size >>= 8)
        {
            field[i] = (byte)(size & 0xff);
        }

        field[0] = 0x80;
    }
}
