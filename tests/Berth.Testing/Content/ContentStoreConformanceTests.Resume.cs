using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Testing.Content;

public abstract partial class ContentStoreConformanceTests
{
    public static TheoryData<int, double, bool> ResumeCases()
    {
        var cases = new TheoryData<int, double, bool>();
        foreach (int size in new[] { 500, 5000, 50000 })
        {
            foreach (double written in new[] { 0.0, 0.1, 0.5, 0.9, 1.0 })
            {
                cases.Add(size, written, false);
                cases.Add(size, written, true);
            }
        }

        return cases;
    }

    [Fact]
    public async Task OpenWriter_RefOfDisposedWriter_ResumesAtItsOffset()
    {
        var blob = TestBlob.Random(256);
        var half = blob.Bytes.AsMemory(0, 128);
        var beforeStart = DateTimeOffset.UtcNow;
        var first = await Store.OpenWriterAsync(Options("cb", blob), Ct);
        var afterStart = DateTimeOffset.UtcNow;
        await first.WriteAsync(half, Ct);
        var afterUpdate = DateTimeOffset.UtcNow;
        await first.DisposeAsync();

        await using var second = await Store.OpenWriterAsync(Options("cb", blob), Ct);

        await AssertStatusAsync(second, "cb", 128, 256, half);
        var status = await second.StatusAsync(Ct);
        AssertTimeBetween(status.StartedAt, beforeStart, afterStart, "started at");
        AssertTimeBetween(status.UpdatedAt, afterStart, afterUpdate, "updated at");
        await second.WriteAsync(blob.Bytes.AsMemory(128), Ct);
        await AssertStatusAsync(second, "cb", 256, 256, blob.Bytes);
        var beforeCommit = DateTimeOffset.UtcNow;
        await second.CommitAsync(0, null, cancellationToken: Ct);
        await AssertInfoAsync(blob, beforeCommit, DateTimeOffset.UtcNow);
    }

    /// <summary>containerd's Resume* tests: write part, close, reopen, then finish by appending or by starting over.</summary>
    [Theory]
    [MemberData(nameof(ResumeCases), MemberType = typeof(ContentStoreConformanceTests))]
    public async Task OpenWriter_PartialIngest_ResumesAndCommits(int size, double writtenPart, bool startOver)
    {
        var blob = TestBlob.Random(size);
        int written = (int)(size * writtenPart);
        string reference = $"ref-{size}-{written}";
        await using (var first = await Store.OpenWriterAsync(Options(reference, blob), Ct))
        {
            await WriteAsync(first, blob.Bytes.AsMemory(0, written), chunk: 1024);
        }

        await using var writer = await Store.OpenWriterAsync(Options(reference, blob), Ct);
        Assert.Equal(written, (await writer.StatusAsync(Ct)).Offset);
        Assert.Equal(written, (await Store.StatusAsync(reference, Ct)).Offset);
        if (startOver)
        {
            await writer.TruncateAsync(0, Ct);
            await WriteAsync(writer, blob.Bytes, chunk: 1024);
        }
        else
        {
            await WriteAsync(writer, blob.Bytes.AsMemory(written), chunk: 1024);
        }

        var beforeCommit = DateTimeOffset.UtcNow;
        await writer.CommitAsync(size, blob.Digest, cancellationToken: Ct);
        await AssertInfoAsync(blob, beforeCommit, DateTimeOffset.UtcNow);
        await AssertContentAsync(blob);
    }

    [Fact]
    public async Task Truncate_ToTheMiddle_RehashesAndContinuesFromThere()
    {
        var blob = TestBlob.Random(10_000);
        await using var writer = await Store.OpenWriterAsync(Options("truncate"), Ct);
        await WriteAsync(writer, blob.Bytes);
        await writer.WriteAsync(new byte[500], Ct);

        await writer.TruncateAsync(4000, Ct);

        await AssertStatusAsync(writer, "truncate", 4000, 0, blob.Bytes.AsMemory(0, 4000));
        Assert.Equal(4000, (await Store.StatusAsync("truncate", Ct)).Offset);
        await writer.WriteAsync(blob.Bytes.AsMemory(4000), Ct);
        await writer.CommitAsync(blob.Size, blob.Digest, cancellationToken: Ct);
        await AssertContentAsync(blob);
    }

    [Fact]
    public async Task Truncate_ResumedIngest_StartsOver()
    {
        var blob = TestBlob.Random(3000);
        await using (var first = await Store.OpenWriterAsync(Options("restart"), Ct))
        {
            await first.WriteAsync(new byte[2000], Ct);
        }

        await using var writer = await Store.OpenWriterAsync(Options("restart"), Ct);
        await writer.TruncateAsync(0, Ct);
        Assert.Equal(Digest.EmptySha256, writer.Digest);
        await WriteAsync(writer, blob.Bytes);
        await writer.CommitAsync(blob.Size, blob.Digest, cancellationToken: Ct);
        await AssertContentAsync(blob);
    }

    [Fact]
    public async Task Truncate_BeyondTheOffset_ThrowsInvalidArgument()
    {
        await using var writer = await Store.OpenWriterAsync(Options("truncate-beyond"), Ct);
        await writer.WriteAsync(new byte[100], Ct);

        await Assert.ThrowsAsync<InvalidArgumentException>(() => writer.TruncateAsync(101, Ct).AsTask());
        Assert.Equal(100, (await writer.StatusAsync(Ct)).Offset);
    }
}
