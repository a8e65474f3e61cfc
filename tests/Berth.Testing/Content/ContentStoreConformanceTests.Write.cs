using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Testing.Content;

public abstract partial class ContentStoreConformanceTests
{
    private static readonly Dictionary<string, string> GcRootLabels = new()
    {
        ["containerd.io/gc.root"] = "2024-01-02T03:04:05Z",
    };

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Commit_WrittenContent_IsReadableWithItsInfo(bool announceSize, bool announceDigest)
    {
        var blob = TestBlob.Random(256);
        var options = new ContentWriterOptions("c1")
        {
            ExpectedSize = announceSize ? blob.Size : 0,
            ExpectedDigest = announceDigest ? blob.Digest : null,
        };
        await using var writer = await Store.OpenWriterAsync(options, Ct);
        await WriteAsync(writer, blob.Bytes, chunk: 32);

        var before = DateTimeOffset.UtcNow;
        await writer.CommitAsync(0, null, GcRootLabels, Ct);
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(blob.Digest, writer.Digest);
        await AssertInfoAsync(blob, before, after, GcRootLabels);
        await AssertContentAsync(blob);
        await Assert.ThrowsAsync<NotFoundException>(() => Store.StatusAsync("c1", Ct).AsTask());
    }

    [Fact]
    public async Task Commit_EmptyContent_CreatesTheEmptyBlob()
    {
        await using var writer = await Store.OpenWriterAsync(Options("empty"), Ct);
        await writer.CommitAsync(0, Digest.EmptySha256, cancellationToken: Ct);

        var info = await Store.InfoAsync(Digest.EmptySha256, Ct);
        Assert.Equal(0, info.Size);
        await using var reader = await Store.OpenReadAsync(Digest.EmptySha256, Ct);
        Assert.Equal(0, reader.Size);
        Assert.Equal(0, await reader.ReadAtAsync(new byte[8], 0, Ct));
    }

    [Fact]
    public async Task Writer_EachWrite_AdvancesStatusAndDigest()
    {
        var blob = TestBlob.Random(256);
        var beforeStart = DateTimeOffset.UtcNow;
        await using var writer = await Store.OpenWriterAsync(Options("c1", blob), Ct);
        var afterStart = DateTimeOffset.UtcNow;
        await AssertStatusAsync(writer, "c1", 0, 256, ReadOnlyMemory<byte>.Empty);

        foreach (int end in new[] { 64, 192, 256 })
        {
            var status = await writer.StatusAsync(Ct);
            var beforeUpdate = DateTimeOffset.UtcNow;
            await writer.WriteAsync(blob.Bytes.AsMemory((int)status.Offset, end - (int)status.Offset), Ct);
            var afterUpdate = DateTimeOffset.UtcNow;

            await AssertStatusAsync(writer, "c1", end, 256, blob.Bytes.AsMemory(0, end));
            status = await writer.StatusAsync(Ct);
            AssertTimeBetween(status.StartedAt, beforeStart, afterStart, "started at");
            AssertTimeBetween(status.UpdatedAt, beforeUpdate, afterUpdate, "updated at");
        }

        await writer.CommitAsync(0, null, cancellationToken: Ct);
        Assert.Equal(blob.Digest, writer.Digest);
    }

    [Fact]
    public async Task OpenWriter_EmptyRef_ThrowsInvalidArgument()
        => await Assert.ThrowsAsync<InvalidArgumentException>(() => Store.OpenWriterAsync(Options(string.Empty), Ct).AsTask());

    [Fact]
    public async Task OpenWriter_ExpectedDigestOfExistingBlob_ThrowsAlreadyExists()
    {
        var blob = TestBlob.Random(100);
        await CommitAsync(blob);

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => Store.OpenWriterAsync(Options("again", blob), Ct).AsTask());

        Assert.Contains(blob.Digest.ToString(), error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => Store.StatusAsync("again", Ct).AsTask());
    }

    [Fact]
    public async Task OpenWriter_RefHeldByAnotherWriter_ThrowsUnavailableUntilItCloses()
    {
        var first = await Store.OpenWriterAsync(Options("busy"), Ct);
        await first.WriteAsync(new byte[10], Ct);

        await Assert.ThrowsAsync<UnavailableException>(() => Store.OpenWriterAsync(Options("busy"), Ct).AsTask());

        await first.DisposeAsync();
        await using var second = await Store.OpenWriterAsync(Options("busy"), Ct);
        Assert.Equal(10, (await second.StatusAsync(Ct)).Offset);
    }
}
