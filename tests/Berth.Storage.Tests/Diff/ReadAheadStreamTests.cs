using Berth.Storage.Diff.Compression;

namespace Berth.Storage.Tests.Diff;

public sealed class ReadAheadStreamTests
{
    [Fact]
    public async Task Read_LongerThanSeveralChunks_SameBytesInOrder()
    {
        byte[] data = new byte[3_000_017];
        new Random(7).NextBytes(data);
        await using var stream = new ReadAheadStream(new TrickleStream(data, failAt: null));
        using var copy = new MemoryStream();

        await stream.CopyToAsync(copy, 4093);

        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task Read_InnerFailsHalfWay_BytesBeforeThenTheSameException()
    {
        byte[] data = new byte[1_000_000];
        new Random(8).NextBytes(data);
        await using var stream = new ReadAheadStream(new TrickleStream(data, failAt: 700_000));
        byte[] buffer = new byte[10_000];
        long total = 0;

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            for (int read; (read = await stream.ReadAsync(buffer)) > 0;)
            {
                Assert.Equal(data.AsSpan((int)total, read), buffer.AsSpan(0, read));
                total += read;
            }
        });

        Assert.Equal(700_000, total);
        Assert.Equal("bad block", error.Message);
    }

    [Fact]
    public async Task Dispose_BeforeTheEnd_StopsReadingAndClosesTheInnerStream()
    {
        var inner = new TrickleStream(new byte[50_000_000], failAt: null);
        var stream = new ReadAheadStream(inner);
        Assert.True(await stream.ReadAsync(new byte[100]) > 0);

        await stream.DisposeAsync();

        Assert.True(inner.Disposed);
        Assert.True(inner.PositionAtDispose < 50_000_000, "the producer read everything before stopping");
    }

    // Hands out at most 64 KiB per read, and throws at a set offset, as a decompressor meeting a bad block does.
    private sealed class TrickleStream(byte[] data, int? failAt) : MemoryStream(data, writable: false)
    {
        public bool Disposed { get; private set; }

        public long PositionAtDispose { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            int limit = (int)Math.Min(Math.Min(buffer.Length, 65536), (failAt ?? Length) - Position);
            if (limit == 0 && failAt is not null)
            {
                throw new InvalidDataException("bad block");
            }

            return await base.ReadAsync(buffer[..limit], cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            PositionAtDispose = Position;
            base.Dispose(disposing);
        }
    }
}
