using System.Buffers.Binary;
using System.IO.Compression;
using Berth.Core.Content;
using Berth.Storage.Diff.Compression;

namespace Berth.Storage.Tests.Diff;

public sealed class GzipMemberStreamTests
{
    private static readonly byte[] Data = [.. Enumerable.Range(0, 50_000).Select(i => (byte)((i * 31) ^ (i >> 7)))];

    [Fact]
    public async Task Read_WholeStream_GivesTheData()
    {
        Assert.Equal(Data, await ReadAllAsync(LayerBuilder.GzipOf(Data)));
    }

    [Fact]
    public async Task Read_ConcatenatedMembers_GivesAllOfThem()
    {
        byte[] blob = [.. LayerBuilder.GzipOf(Data[..123]), .. LayerBuilder.GzipOf([]), .. LayerBuilder.GzipOf(Data[123..])];

        Assert.Equal(Data, await ReadAllAsync(blob));
    }

    [Fact]
    public async Task Read_HeaderWithNameCommentAndExtra_IsParsed()
    {
        var deflated = new MemoryStream();
        using (var deflate = new DeflateStream(deflated, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(Data);
        }

        byte[] trailer = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, System.IO.Hashing.Crc32.HashToUInt32(Data));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), (uint)Data.Length);
        byte[] header = [0x1f, 0x8b, 8, 4 | 8 | 16, 0, 0, 0, 0, 0, 3, 3, 0, 1, 2, 3, .. "layer.tar\0"u8, .. "a comment\0"u8];

        Assert.Equal(Data, await ReadAllAsync([.. header, .. deflated.ToArray(), .. trailer]));
    }

    [Fact]
    public async Task Read_TruncatedAnywhere_FailsAsInvalidData()
    {
        byte[] blob = [.. LayerBuilder.GzipOf(Data[..20_000]), .. LayerBuilder.GzipOf(Data[20_000..])];
        for (int length = 1; length < blob.Length; length += 97)
        {
            await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(blob[..length]));
        }

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(blob[..^1]));
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(-2)]
    public async Task Read_DamagedTrailer_FailsAsInvalidData(int offset)
    {
        byte[] blob = LayerBuilder.GzipOf(Data);
        blob[^-offset] ^= 1;

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(blob));
    }

    [Fact]
    public async Task Read_GarbageAfterTheStream_FailsAsInvalidData()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync([.. LayerBuilder.GzipOf(Data), 0, 0, 0, 0]));
    }

    private static async Task<byte[]> ReadAllAsync(byte[] blob)
    {
        using var gzip = new GzipMemberStream(new ArrayReader(blob));
        var output = new MemoryStream();
        await gzip.CopyToAsync(output, TestContext.Current.CancellationToken);
        return output.ToArray();
    }

    private sealed class ArrayReader(byte[] data) : IContentReader
    {
        public long Size => data.Length;

        public ValueTask<int> ReadAtAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
        {
            int count = (int)Math.Max(0, Math.Min(buffer.Length, data.Length - offset));
            data.AsSpan((int)Math.Min(offset, data.Length), count).CopyTo(buffer.Span);
            return ValueTask.FromResult(count);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
