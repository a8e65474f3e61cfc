using Berth.Core.Errors;

namespace Berth.Testing.Content;

public abstract partial class ContentStoreConformanceTests
{
    [Fact]
    public async Task Commit_WrongDigest_ThrowsFailedPreconditionAndKeepsTheIngest()
    {
        var blob = TestBlob.Random(500);
        var other = TestBlob.Random(500);
        await using (var writer = await Store.OpenWriterAsync(Options("wrong-digest"), Ct))
        {
            await WriteAsync(writer, blob.Bytes);
            var error = await Assert.ThrowsAsync<FailedPreconditionException>(
                () => writer.CommitAsync(blob.Size, other.Digest, cancellationToken: Ct).AsTask());
            Assert.Contains(other.Digest.ToString(), error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(blob.Size, (await Store.StatusAsync("wrong-digest", Ct)).Offset);
        await Assert.ThrowsAsync<NotFoundException>(() => Store.InfoAsync(other.Digest, Ct).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => Store.InfoAsync(blob.Digest, Ct).AsTask());
        await using (var resumed = await Store.OpenWriterAsync(Options("wrong-digest"), Ct))
        {
            Assert.Equal(blob.Digest, resumed.Digest);
            await resumed.CommitAsync(blob.Size, blob.Digest, cancellationToken: Ct);
        }

        await AssertContentAsync(blob);
    }

    [Fact]
    public async Task Commit_WrongSize_ThrowsFailedPreconditionAndKeepsTheIngest()
    {
        var blob = TestBlob.Random(500);
        await using (var writer = await Store.OpenWriterAsync(Options("wrong-size"), Ct))
        {
            await WriteAsync(writer, blob.Bytes.AsMemory(0, 300));
            var error = await Assert.ThrowsAsync<FailedPreconditionException>(
                () => writer.CommitAsync(blob.Size, null, cancellationToken: Ct).AsTask());
            Assert.Contains("size", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(300, (await Store.StatusAsync("wrong-size", Ct)).Offset);
        await using (var resumed = await Store.OpenWriterAsync(Options("wrong-size"), Ct))
        {
            await resumed.WriteAsync(blob.Bytes.AsMemory(300), Ct);
            await resumed.CommitAsync(blob.Size, blob.Digest, cancellationToken: Ct);
        }

        await AssertContentAsync(blob);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Commit_ContentThatExists_ThrowsAlreadyExistsAndDiscardsTheIngest(bool giveDigest)
    {
        var blob = TestBlob.Random(256);
        await CommitAsync(blob);
        await using (var writer = await Store.OpenWriterAsync(Options("duplicate"), Ct))
        {
            await WriteAsync(writer, blob.Bytes);
            await Assert.ThrowsAsync<AlreadyExistsException>(
                () => writer.CommitAsync(blob.Size, giveDigest ? blob.Digest : null, cancellationToken: Ct).AsTask());
        }

        await Assert.ThrowsAsync<NotFoundException>(() => Store.StatusAsync("duplicate", Ct).AsTask());
        await AssertContentAsync(blob);
        await using var again = await Store.OpenWriterAsync(Options("duplicate"), Ct);
        Assert.Equal(0, (await again.StatusAsync(Ct)).Offset);
    }

    /// <summary>containerd's CommitErrorState: every failed commit leaves the ref usable, and the lock is always released.</summary>
    [Fact]
    public async Task Commit_FailuresInSequence_KeepTheRefUsable()
    {
        const string Ref = "commit-error-state";
        var c1 = TestBlob.Random(256);
        var wrong = TestBlob.Random(256);
        var longer = new TestBlob([.. c1.Bytes, .. "more"u8.ToArray()]);
        await CommitAsync(c1);

        await CommitExpectingAsync<AlreadyExistsException>(c1.Bytes, c1.Size, c1.Digest);
        await CommitExpectingAsync<AlreadyExistsException>(c1.Bytes, c1.Size, null);
        await CommitExpectingAsync<FailedPreconditionException>(longer.Bytes, longer.Size, wrong.Digest);
        await CommitExpectingAsync<FailedPreconditionException>(ReadOnlyMemory<byte>.Empty, c1.Size, null);

        await using (var writer = await Store.OpenWriterAsync(Options(Ref), Ct))
        {
            await Assert.ThrowsAsync<UnavailableException>(() => Store.OpenWriterAsync(Options(Ref), Ct).AsTask());
            await writer.CommitAsync(longer.Size, null, cancellationToken: Ct);
        }

        await AssertContentAsync(longer);
        await CommitExpectingAsync<AlreadyExistsException>(c1.Bytes, c1.Size, c1.Digest);
        await using var last = await Store.OpenWriterAsync(Options(Ref), Ct);
        Assert.Equal(0, (await last.StatusAsync(Ct)).Offset);

        async Task CommitExpectingAsync<TException>(ReadOnlyMemory<byte> bytes, long size, Oci.Digest? digest)
            where TException : Exception
        {
            await using var writer = await Store.OpenWriterAsync(Options(Ref), Ct);
            await Assert.ThrowsAsync<UnavailableException>(() => Store.OpenWriterAsync(Options(Ref), Ct).AsTask());
            await WriteAsync(writer, bytes);
            await Assert.ThrowsAsync<TException>(() => writer.CommitAsync(size, digest, cancellationToken: Ct).AsTask());
        }
    }
}
