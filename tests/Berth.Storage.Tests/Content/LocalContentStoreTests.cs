using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Linux;
using Berth.Storage.Content.Local;
using Berth.Testing.Content;

namespace Berth.Storage.Tests.Content;

[SupportedOSPlatform("linux")]
public sealed partial class LocalContentStoreTests : ContentStoreConformanceTests
{
    private readonly RecordingSyscalls _syscalls = new(LinuxSyscalls.Instance);

    protected override bool SupportsLabels => false;

    protected override async ValueTask<IContentStore> CreateStoreAsync(string root)
        => await LocalContentStore.OpenAsync(root, _syscalls, cancellationToken: Ct);

    private string BlobsPath => Path.Combine(StoreRoot, "blobs", "sha256");

    private string IngestPath(string reference)
        => Path.Combine(StoreRoot, "ingest", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference))));

    [Fact]
    public async Task Update_Labels_ThrowsUnimplemented()
    {
        var blob = TestBlob.Random(10);
        await CommitAsync(blob);
        var info = new ContentInfo(blob.Digest, blob.Size, default, default) { Labels = new Dictionary<string, string> { ["a"] = "b" } };

        var error = await Assert.ThrowsAsync<UnimplementedException>(() => Store.UpdateAsync(info, cancellationToken: Ct).AsTask());

        Assert.Contains("metadata store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_NoLabels_ReturnsTheInfo()
    {
        var blob = TestBlob.Random(10);
        await CommitAsync(blob);
        var info = new ContentInfo(blob.Digest, blob.Size, default, default);

        var updated = await Store.UpdateAsync(info, ["labels.absent"], Ct);

        Assert.Equal(blob.Size, updated.Size);
        Assert.Empty(updated.Labels);
    }

    [Fact]
    public async Task Commit_WithLabels_IgnoresThem()
    {
        var blob = TestBlob.Random(10);

        await CommitAsync(blob, new Dictionary<string, string> { ["a"] = "b" });

        Assert.Empty((await Store.InfoAsync(blob.Digest, Ct)).Labels);
    }

    [Fact]
    public async Task Commit_Sha512Expected_VerifiesAndStoresUnderThatDigest()
    {
        var blob = TestBlob.Random(5000);
        var sha512 = Oci.Digest.FromHash("sha512", SHA512.HashData(blob.Bytes));
        await using (var writer = await Store.OpenWriterAsync(new ContentWriterOptions("sha512") { ExpectedDigest = sha512 }, Ct))
        {
            await WriteAsync(writer, blob.Bytes);
            var wrong = Oci.Digest.FromHash("sha512", SHA512.HashData(blob.Bytes.AsSpan(1)));
            await Assert.ThrowsAsync<FailedPreconditionException>(() => writer.CommitAsync(0, wrong, cancellationToken: Ct).AsTask());
            await writer.CommitAsync(blob.Size, sha512, cancellationToken: Ct);
            Assert.Equal(sha512, writer.Digest);
        }

        Assert.True(File.Exists(Path.Combine(StoreRoot, "blobs", "sha512", sha512.Encoded)));
        Assert.Equal(blob.Bytes, await Store.ReadAllBytesAsync(sha512, Ct));
        Assert.Equal(sha512, Assert.Single(await Store.WalkAsync(cancellationToken: Ct).ToListAsync(Ct)).Digest);
        await Assert.ThrowsAsync<NotFoundException>(() => Store.InfoAsync(blob.Digest, Ct).AsTask());
    }

    [Fact]
    public async Task Commit_UnverifiableAlgorithm_ThrowsInvalidArgument()
    {
        await using var writer = await Store.OpenWriterAsync(new ContentWriterOptions("blake"), Ct);
        await writer.WriteAsync(new byte[10], Ct);

        await Assert.ThrowsAsync<InvalidArgumentException>(
            () => writer.CommitAsync(0, Oci.Digest.Parse("blake3:abc"), cancellationToken: Ct).AsTask());
    }

    [Fact]
    public async Task Writer_AfterFailedCommit_StaysUsable()
    {
        var blob = TestBlob.Random(1000);
        await using var writer = await Store.OpenWriterAsync(Options("retry", blob), Ct);
        await WriteAsync(writer, blob.Bytes.AsMemory(0, 600));
        await Assert.ThrowsAsync<FailedPreconditionException>(() => writer.CommitAsync(blob.Size, blob.Digest, cancellationToken: Ct).AsTask());

        await writer.WriteAsync(blob.Bytes.AsMemory(600), Ct);
        await writer.CommitAsync(blob.Size, blob.Digest, cancellationToken: Ct);

        await AssertContentAsync(blob);
    }

    [Fact]
    public async Task Writer_AfterCommit_RefusesWrites()
    {
        await using var writer = await Store.OpenWriterAsync(Options("done"), Ct);
        await writer.WriteAsync(new byte[10], Ct);
        await writer.CommitAsync(10, null, cancellationToken: Ct);

        await Assert.ThrowsAsync<FailedPreconditionException>(() => writer.WriteAsync(new byte[1], Ct).AsTask());
        await Assert.ThrowsAsync<FailedPreconditionException>(() => writer.CommitAsync(10, null, cancellationToken: Ct).AsTask());
    }

    [Fact]
    public async Task OpenWriter_DifferentTotalThanRecorded_StartsTheIngestOver()
    {
        await using (var writer = await Store.OpenWriterAsync(new ContentWriterOptions("changed") { ExpectedSize = 100 }, Ct))
        {
            await writer.WriteAsync(new byte[50], Ct);
        }

        await using var again = await Store.OpenWriterAsync(new ContentWriterOptions("changed") { ExpectedSize = 200 }, Ct);

        var status = await again.StatusAsync(Ct);
        Assert.Equal(0, status.Offset);
        Assert.Equal(200, status.Total);
    }

    [Fact]
    public async Task OpenWriter_UnknownTotalOnResume_KeepsTheRecordedOne()
    {
        var blob = TestBlob.Random(100);
        await using (var writer = await Store.OpenWriterAsync(Options("known", blob), Ct))
        {
            await writer.WriteAsync(blob.Bytes.AsMemory(0, 50), Ct);
        }

        await using var again = await Store.OpenWriterAsync(Options("known"), Ct);

        var status = await again.StatusAsync(Ct);
        Assert.Equal((50L, 100L, (Oci.Digest?)blob.Digest), (status.Offset, status.Total, status.Expected));
    }
}
