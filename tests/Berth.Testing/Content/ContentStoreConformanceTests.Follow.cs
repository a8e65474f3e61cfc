using Berth.Core.Errors;

namespace Berth.Testing.Content;

public abstract partial class ContentStoreConformanceTests
{
    [Fact]
    public async Task OpenIngestRead_WhileWriting_SeesEachWriteAndKeepsReadingAfterCommit()
    {
        var blob = TestBlob.Random(3000);
        var writer = await Store.OpenWriterAsync(Options("follow", blob), Ct);
        await writer.WriteAsync(blob.Bytes.AsMemory(0, 1000), Ct);
        await using var reader = await Store.OpenIngestReadAsync("follow", Ct);
        byte[] buffer = new byte[3000];

        Assert.Equal(1000, reader.Size);
        Assert.Equal(1000, await ReadFullyAsync(reader, buffer.AsMemory(0, 1000), 0));
        await writer.WriteAsync(blob.Bytes.AsMemory(1000), Ct);
        Assert.Equal(3000, reader.Size);
        await writer.CommitAsync(blob.Size, blob.Digest, null, Ct);
        await writer.DisposeAsync();

        Assert.Equal(2000, await ReadFullyAsync(reader, buffer.AsMemory(1000), 1000));
        Assert.Equal(blob.Bytes, buffer);
        await Assert.ThrowsAsync<NotFoundException>(() => Store.OpenIngestReadAsync("follow", Ct).AsTask());
    }

    [Fact]
    public async Task OpenIngestRead_UnknownRef_ThrowsNotFound()
        => await Assert.ThrowsAsync<NotFoundException>(() => Store.OpenIngestReadAsync("nothing", Ct).AsTask());

    private static async Task<int> ReadFullyAsync(Core.Content.IContentReader reader, Memory<byte> buffer, long offset)
    {
        int total = 0;
        for (int read; total < buffer.Length && (read = await reader.ReadAtAsync(buffer[total..], offset + total, Ct)) > 0;)
        {
            total += read;
        }

        return total;
    }
}
