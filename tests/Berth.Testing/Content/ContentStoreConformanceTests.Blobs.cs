using Berth.Core.Content;
using Berth.Core.Errors;

namespace Berth.Testing.Content;

public abstract partial class ContentStoreConformanceTests
{
    [Fact]
    public async Task Info_MissingBlob_ThrowsNotFound()
        => await Assert.ThrowsAsync<NotFoundException>(() => Store.InfoAsync(TestBlob.Of("absent").Digest, Ct).AsTask());

    [Fact]
    public async Task Walk_Blobs_ListsEachCommittedBlobOnce()
    {
        var blobs = new[] { TestBlob.Random(10), TestBlob.Random(20), TestBlob.Random(30) };
        foreach (var blob in blobs)
        {
            await CommitAsync(blob);
        }

        await using (var pending = await Store.OpenWriterAsync(Options("pending"), Ct))
        {
            await pending.WriteAsync(new byte[40], Ct);
        }

        var walked = await Store.WalkAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(blobs.Select(b => b.Digest.ToString()).Order(), walked.Select(i => i.Digest.ToString()).Order());
        Assert.All(walked, info => Assert.Equal(blobs.Single(b => b.Digest == info.Digest).Size, info.Size));
    }

    [Fact]
    public async Task Walk_Filters_MatchDigestAndSize()
    {
        var small = TestBlob.Random(10);
        var large = TestBlob.Random(2000);
        await CommitAsync(small);
        await CommitAsync(large);

        Assert.Equal(small.Digest, Assert.Single(await WalkAsync($"digest=={small.Digest}")).Digest);
        Assert.Equal(large.Digest, Assert.Single(await WalkAsync("size==2000")).Digest);
        Assert.Equal(small.Digest, Assert.Single(await WalkAsync("size!=2000")).Digest);
        Assert.Equal(2, (await WalkAsync("digest~=^sha256:")).Count);
        Assert.Empty(await WalkAsync("size==2000,digest==" + small.Digest));
        Assert.Empty(await WalkAsync("labels.nothing"));
        Assert.Equal(2, (await Store.WalkAsync([$"digest=={small.Digest}", "size==2000"], Ct).ToListAsync(Ct)).Count);
    }

    [Fact]
    public async Task Walk_BadFilter_ThrowsInvalidArgument()
        => await Assert.ThrowsAsync<InvalidArgumentException>(() => WalkAsync("size=="));

    [Fact]
    public async Task Delete_Blob_RemovesItEverywhere()
    {
        var kept = TestBlob.Random(100);
        var deleted = TestBlob.Random(100);
        await CommitAsync(kept);
        await CommitAsync(deleted);

        await Store.DeleteAsync(deleted.Digest, Ct);

        await Assert.ThrowsAsync<NotFoundException>(() => Store.InfoAsync(deleted.Digest, Ct).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => Store.OpenReadAsync(deleted.Digest, Ct).AsTask());
        Assert.Equal(kept.Digest, Assert.Single(await WalkAsync()).Digest);
        await Assert.ThrowsAsync<NotFoundException>(() => Store.DeleteAsync(deleted.Digest, Ct).AsTask());
        await AssertContentAsync(kept);
    }

    [Fact]
    public async Task Delete_ThenWriteAgain_CommitsTheBlobAgain()
    {
        var blob = TestBlob.Random(100);
        await CommitAsync(blob);
        await Store.DeleteAsync(blob.Digest, Ct);

        try
        {
            await CommitAsync(blob);
        }
        catch (AlreadyExistsException)
        {
            // A store sharing blobs between views (containerd's "shared" policy) may still hold the bytes until garbage
            // collection; it adopts them at once and says so. Either way the blob must be back.
        }

        await AssertContentAsync(blob);
    }

    [Fact]
    public async Task Delete_MissingBlob_ThrowsNotFound()
        => await Assert.ThrowsAsync<NotFoundException>(() => Store.DeleteAsync(TestBlob.Of("absent").Digest, Ct).AsTask());

    private async Task<List<ContentInfo>> WalkAsync(params string[] filters)
        => await Store.WalkAsync(filters, Ct).ToListAsync(Ct);
}
