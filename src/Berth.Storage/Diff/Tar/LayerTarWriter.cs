using System.Text;

namespace Berth.Storage.Diff.Tar;

/// <summary>
/// Writes a deterministic PAX tar (POSIX.1-2001): a ustar header per entry, preceded by one PAX extended header
/// when something does not fit ustar (long or non-ASCII names, big ids or sizes, xattrs). xattr values are
/// written as raw bytes, which System.Formats.Tar cannot do. No atime, ctime, user or group names.
/// </summary>
internal sealed class LayerTarWriter(Stream output)
{
    private const int BlockSize = 512;
    private const long MaxOctal7 = 0x1fffff, MaxOctal11 = 0x1ffffffff;

    public async Task WriteAsync(LayerTarHeader header, Stream? content, CancellationToken cancellationToken)
    {
        var pax = new List<byte>();
        string name = Fit(header.Name, 100, "path", pax);
        string linkName = Fit(header.LinkName, 100, "linkpath", pax);
        int uid = FitNumber(header.Uid, MaxOctal7, "uid", pax);
        int gid = FitNumber(header.Gid, MaxOctal7, "gid", pax);
        long size = FitNumber(header.Size, MaxOctal11, "size", pax);
        long mtime = FitNumber(header.ModifiedSeconds, MaxOctal11, "mtime", pax);
        foreach (var (xattr, value) in header.Xattrs.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            PaxRecords.Append(pax, PaxRecords.SchilyXattr + xattr, value);
        }

        if (pax.Count > 0)
        {
            string paxName = Truncate($"{ParentOf(name)}PaxHeaders.0/{LastPart(name)}", 100);
            await output.WriteAsync(Block(paxName, 'x', 0x1a4, 0, 0, pax.Count, 0, string.Empty, 0, 0), cancellationToken);
            await WritePaddedAsync(pax.ToArray(), cancellationToken);
        }

        await output.WriteAsync(Block(name, header.Type, header.Mode, uid, gid, size, mtime, linkName, header.DevMajor, header.DevMinor), cancellationToken);
        if (content is not null && header.Size > 0)
        {
            await CopyExactlyAsync(content, header.Size, header.Name, cancellationToken);
        }
    }

    /// <summary>The end-of-archive marker: two zero blocks.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken) => await output.WriteAsync(new byte[2 * BlockSize], cancellationToken);

    private async Task CopyExactlyAsync(Stream content, long size, string name, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[128 * 1024];
        long left = size;
        while (left > 0)
        {
            int read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
            if (read == 0)
            {
                throw new IOException($"{name} shrank from {size} to {size - left} bytes while the diff was written: retry once it is quiet");
            }

            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            left -= read;
        }

        await output.WriteAsync(new byte[Padding(size)], cancellationToken);
    }

    private async Task WritePaddedAsync(byte[] data, CancellationToken cancellationToken)
    {
        await output.WriteAsync(data, cancellationToken);
        await output.WriteAsync(new byte[Padding(data.Length)], cancellationToken);
    }

    private static int Padding(long size) => (int)((BlockSize - (size % BlockSize)) % BlockSize);

    private static string Fit(string value, int field, string key, List<byte> pax)
    {
        if (Ascii.IsValid(value) && value.Length <= field)
        {
            return value;
        }

        PaxRecords.Append(pax, key, Encoding.UTF8.GetBytes(value));
        return Truncate(value, field);
    }

    private static T FitNumber<T>(T value, long max, string key, List<byte> pax) where T : System.Numerics.IBinaryInteger<T>
    {
        long number = long.CreateChecked(value);
        if (number >= 0 && number <= max)
        {
            return value;
        }

        PaxRecords.Append(pax, key, Encoding.ASCII.GetBytes(number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return T.Zero;
    }

    private static string Truncate(string value, int length)
    {
        var ascii = new string([.. value.Select(c => c < 0x80 ? c : '_')]);
        return ascii.Length <= length ? ascii : ascii[..length];
    }

    private static string ParentOf(string name)
    {
        int slash = name.TrimEnd('/').LastIndexOf('/');
        return slash < 0 ? string.Empty : name[..(slash + 1)];
    }

    private static string LastPart(string name)
    {
        string trimmed = name.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    private static byte[] Block(string name, char type, int mode, int uid, int gid, long size, long mtime, string linkName, uint major, uint minor)
    {
        byte[] block = new byte[BlockSize];
        Encoding.ASCII.GetBytes(name).CopyTo(block, 0);
        Octal(block, 100, 8, mode & 0xfff);
        Octal(block, 108, 8, uid);
        Octal(block, 116, 8, gid);
        Octal(block, 124, 12, size);
        Octal(block, 136, 12, mtime);
        block[156] = (byte)type;
        Encoding.ASCII.GetBytes(linkName).CopyTo(block, 157);
        "ustar\0"u8.CopyTo(block.AsSpan(257));
        "00"u8.CopyTo(block.AsSpan(263));
        if (type is LayerTarHeader.CharDeviceType or LayerTarHeader.BlockDeviceType)
        {
            Octal(block, 329, 8, major);
            Octal(block, 337, 8, minor);
        }

        "        "u8.CopyTo(block.AsSpan(148));
        int sum = block.Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(block, 148);
        return block;
    }

    // Zero-padded octal digits followed by a NUL, filling the field (the ustar form GNU tar and Go write).
    private static void Octal(byte[] block, int offset, int length, long value) =>
        Encoding.ASCII.GetBytes(Convert.ToString(value, 8).PadLeft(length - 1, '0') + "\0").CopyTo(block, offset);
}
