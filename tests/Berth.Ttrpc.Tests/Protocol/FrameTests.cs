using Berth.Ttrpc.Protocol;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Ttrpc.Tests.Protocol;

public sealed class FrameTests
{
    [Fact]
    public void Header_Write_IsBigEndianLengthStreamTypeFlags()
    {
        var bytes = new byte[FrameHeader.Size];
        new FrameHeader(0x01020304, 0x0A0B0C0D, FrameType.Response, 7).Write(bytes);

        Assert.Equal(new byte[] { 1, 2, 3, 4, 0x0A, 0x0B, 0x0C, 0x0D, 2, 7 }, bytes);
        Assert.Equal(new FrameHeader(0x01020304, 0x0A0B0C0D, FrameType.Response, 7), FrameHeader.Read(bytes));
    }

    [Fact]
    public async Task WriteThenRead_TwoFrames_RoundTripInOrder()
    {
        var stream = new MemoryStream();
        using var writer = new FrameWriter(stream);
        await writer.WriteAsync(1, FrameType.Request, new StringValue { Value = "first" }, CancellationToken.None);
        await writer.WriteAsync(3, FrameType.Request, new StringValue { Value = new string('x', 100_000) }, CancellationToken.None);
        stream.Position = 0;
        using var reader = new FrameReader(stream);

        var first = (await reader.ReadAsync(CancellationToken.None))!.Value;
        Assert.Equal(1u, first.Header.StreamId);
        Assert.Equal(FrameType.Request, first.Header.Type);
        Assert.Equal("first", StringValue.Parser.ParseFrom(first.Payload.Span).Value);
        var second = (await reader.ReadAsync(CancellationToken.None))!.Value;
        Assert.Equal(3u, second.Header.StreamId);
        Assert.Equal(100_000, StringValue.Parser.ParseFrom(second.Payload.Span).Value.Length);
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Read_OversizedFrame_SkipsItAndStaysInStep()
    {
        var stream = new MemoryStream();
        var header = new byte[FrameHeader.Size];
        new FrameHeader(FrameHeader.MaxPayload + 1, 5, FrameType.Request).Write(header);
        stream.Write(header);
        stream.Write(new byte[FrameHeader.MaxPayload + 1]);
        using (var writer = new FrameWriter(stream))
        {
            await writer.WriteAsync(7, FrameType.Request, new StringValue { Value = "after" }, CancellationToken.None);
        }

        stream.Position = 0;
        using var reader = new FrameReader(stream);

        var skipped = (await reader.ReadAsync(CancellationToken.None))!.Value;
        Assert.True(skipped.Oversized);
        Assert.Equal(5u, skipped.Header.StreamId);
        var next = (await reader.ReadAsync(CancellationToken.None))!.Value;
        Assert.Equal("after", StringValue.Parser.ParseFrom(next.Payload.Span).Value);
    }

    [Fact]
    public async Task Read_ConnectionEndsInsideFrame_ThrowsEndOfStream()
    {
        var stream = new MemoryStream();
        var header = new byte[FrameHeader.Size];
        new FrameHeader(20, 1, FrameType.Request).Write(header);
        stream.Write(header);
        stream.Write(new byte[5]);
        stream.Position = 0;
        using var reader = new FrameReader(stream);

        await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Write_MessageOverLimit_ThrowsResourceExhaustedAndWritesNothing()
    {
        var stream = new MemoryStream();
        using var writer = new FrameWriter(stream);

        await Assert.ThrowsAsync<Core.Errors.ResourceExhaustedException>(async () => await writer.WriteAsync(
            1, FrameType.Request, new BytesValue { Value = Google.Protobuf.ByteString.CopyFrom(new byte[FrameHeader.MaxPayload]) }, CancellationToken.None));
        Assert.Equal(0, stream.Length);
    }
}
