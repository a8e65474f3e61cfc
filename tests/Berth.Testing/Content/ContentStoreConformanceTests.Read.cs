using Berth.Core.Content;
using Berth.Core.Errors;

namespace Berth.Testing.Content;

public abstract partial class ContentStoreConformanceTests
{
    [Fact]
    public async Task OpenRead_RandomOffsets_ReturnsTheBytesThere()
    {
        var blob = TestBlob.Random(1 << 20);
        await CommitAsync(blob);
        await using var reader = await Store.OpenReadAsync(blob.Digest, Ct);
        Assert.Equal(blob.Size, reader.Size);

        var random = new Random(7);
        var buffer = new byte[70_000];
        for (int i = 0; i < 50; i++)
        {
#pragma warning disable CA5394 // test data, not security
            int offset = random.Next(0, (int)blob.Size);
            int length = random.Next(1, buffer.Length);
#pragma warning restore CA5394
            int read = await reader.ReadAtAsync(buffer.AsMemory(0, length), offset, Ct);
            Assert.InRange(read, 1, Math.Min(length, blob.Size - offset));
            Assert.Equal(blob.Bytes.AsSpan(offset, read), buffer.AsSpan(0, read));
        }

        Assert.Equal(0, await reader.ReadAtAsync(buffer, blob.Size, Ct));
        Assert.Equal(0, await reader.ReadAtAsync(buffer, blob.Size + 100, Ct));
    }

    [Fact]
    public async Task OpenRead_BufferLargerThanBlob_ReturnsTheWholeBlob()
    {
        var blob = TestBlob.Of("foobar");
        await CommitAsync(blob);
        await using var reader = await Store.OpenReadAsync(blob.Digest, Ct);

        var buffer = new byte[blob.Size + 1];
        int total = 0;
        for (int read; (read = await reader.ReadAtAsync(buffer.AsMemory(total), total, Ct)) > 0;)
        {
            total += read;
        }

        Assert.Equal(blob.Bytes, buffer.AsSpan(0, total).ToArray());
    }

    [Fact]
    public async Task OpenRead_AsStream_StreamsTheBlob()
    {
        var blob = TestBlob.Random(300_000);
        await CommitAsync(blob);
        await using var reader = await Store.OpenReadAsync(blob.Digest, Ct);
        await using var stream = reader.AsStream(offset: 1000);
        using var copy = new MemoryStream();

        await stream.CopyToAsync(copy, 4096, Ct);

        Assert.Equal(blob.Bytes[1000..], copy.ToArray());
    }

    [Fact]
    public async Task OpenRead_MissingBlob_ThrowsNotFound()
        => await Assert.ThrowsAsync<NotFoundException>(() => Store.OpenReadAsync(TestBlob.Of("absent").Digest, Ct).AsTask());
}
