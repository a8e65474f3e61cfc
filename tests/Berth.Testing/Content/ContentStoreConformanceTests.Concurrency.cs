using System.Security.Cryptography;
using Berth.Core.Content;
using Berth.Core.Errors;

namespace Berth.Testing.Content;

public abstract partial class ContentStoreConformanceTests
{
    [Fact]
    public async Task Commit_MultiMegabyteBlob_StreamsInAndOut()
    {
        var blob = TestBlob.Random(24 << 20);
        await using (var writer = await Store.OpenWriterAsync(Options("large", blob), Ct))
        {
            // Uneven chunks, as from a network stream.
            await WriteAsync(writer, blob.Bytes, chunk: 1_000_003);
            await writer.CommitAsync(blob.Size, blob.Digest, cancellationToken: Ct);
        }

        await using var reader = await Store.OpenReadAsync(blob.Digest, Ct);
        Assert.Equal(blob.Size, reader.Size);
        await using var stream = reader.AsStream();
        Assert.Equal(blob.Digest, Oci.Digest.FromSha256Hash(await SHA256.HashDataAsync(stream, Ct)));
    }

    [Fact]
    public async Task Commit_ParallelWritersOnDifferentRefs_AllSucceed()
    {
        var blobs = Enumerable.Range(0, 16).Select(i => TestBlob.Random(10_000 + (i * 7919))).ToArray();

        await Parallel.ForEachAsync(blobs, Ct, async (blob, ct) =>
        {
            await using var writer = await Store.OpenWriterAsync(Options($"parallel-{blob.Digest.Encoded[..12]}", blob), ct);
            await WriteAsync(writer, blob.Bytes, chunk: 997);
            await writer.CommitAsync(blob.Size, blob.Digest, cancellationToken: ct);
        });

        Assert.Equal(blobs.Length, (await Store.WalkAsync(cancellationToken: Ct).ToListAsync(Ct)).Count);
        foreach (var blob in blobs)
        {
            await AssertContentAsync(blob);
        }

        Assert.Empty(await Store.ListStatusesAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Commit_SameContentFromParallelRefs_LeavesOneBlob()
    {
        var blob = TestBlob.Random(200_000);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            await using var writer = await Store.OpenWriterAsync(Options($"same-{i}"), Ct);
            await WriteAsync(writer, blob.Bytes, chunk: 10_000);
            try
            {
                await writer.CommitAsync(blob.Size, blob.Digest, cancellationToken: Ct);
                return true;
            }
            catch (AlreadyExistsException)
            {
                return false;
            }
        }));

        Assert.Contains(true, outcomes);
        Assert.Single(await Store.WalkAsync(cancellationToken: Ct).ToListAsync(Ct));
        await AssertContentAsync(blob);
        Assert.Empty(await Store.ListStatusesAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task OpenWriter_SameRefFromParallelCallers_AdmitsOneAtATime()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                return await Store.OpenWriterAsync(Options("contended"), Ct);
            }
            catch (UnavailableException)
            {
                return null;
            }
        }));

        IContentWriter winner = Assert.Single(results, w => w is not null)!;
        await winner.DisposeAsync();
    }
}
