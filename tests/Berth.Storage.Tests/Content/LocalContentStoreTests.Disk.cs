using Berth.Core.Content;
using Berth.Linux;
using Berth.Storage.Content.Local;
using Berth.Testing.Content;

namespace Berth.Storage.Tests.Content;

public sealed partial class LocalContentStoreTests
{
    [Fact]
    public async Task OpenWriter_Ingest_IsLaidOutAsDocumented()
    {
        var blob = TestBlob.Random(1000);
        string ingest = IngestPath("layout");
        var before = DateTimeOffset.UtcNow;
        await using var writer = await Store.OpenWriterAsync(Options("layout", blob), Ct);
        await writer.WriteAsync(blob.Bytes.AsMemory(0, 300), Ct);

        Assert.Equal(
            new[] { "data", "expected", "ref", "startedat", "total" }, Directory.GetFiles(ingest).Select(Path.GetFileName).Order());
        Assert.Equal("layout", await File.ReadAllTextAsync(Path.Combine(ingest, "ref"), Ct));
        Assert.Equal("1000", await File.ReadAllTextAsync(Path.Combine(ingest, "total"), Ct));
        Assert.Equal(blob.Digest.ToString(), await File.ReadAllTextAsync(Path.Combine(ingest, "expected"), Ct));
        Assert.Equal(blob.Bytes[..300], await File.ReadAllBytesAsync(Path.Combine(ingest, "data"), Ct));
        var startedAt = DateTimeOffset.Parse(await File.ReadAllTextAsync(Path.Combine(ingest, "startedat"), Ct), null);
        AssertTimeBetween(startedAt, before, DateTimeOffset.UtcNow, "startedat");

        await writer.WriteAsync(blob.Bytes.AsMemory(300), Ct);
        await writer.CommitAsync(blob.Size, blob.Digest, cancellationToken: Ct);

        Assert.False(Directory.Exists(ingest));
        Assert.Equal(blob.Bytes, await File.ReadAllBytesAsync(Path.Combine(BlobsPath, blob.Digest.Encoded), Ct));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(StoreRoot, "ingest")));
    }

    [Fact]
    public async Task Commit_Blob_IsReadOnlyAndItsFolderSynced()
    {
        var blob = TestBlob.Random(1000);

        await CommitAsync(blob);

        string path = Path.Combine(BlobsPath, blob.Digest.Encoded);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(path));
        var sync = Assert.Single(_syscalls.SyncedDirectories);
        Assert.Equal(BlobsPath, sync.Path);
        Assert.Contains(blob.Digest.Encoded, sync.Entries);
    }

    [Fact]
    public async Task Write_UntilCommit_PutsNothingUnderBlobs()
    {
        var blob = TestBlob.Random(4 << 20);
        await using var writer = await Store.OpenWriterAsync(Options("invisible", blob), Ct);
        for (int offset = 0; offset < blob.Size; offset += 1 << 20)
        {
            await writer.WriteAsync(blob.Bytes.AsMemory(offset, 1 << 20), Ct);
            Assert.Empty(Directory.GetFileSystemEntries(BlobsPath));
        }

        await Assert.ThrowsAsync<Core.Errors.FailedPreconditionException>(
            () => writer.CommitAsync(blob.Size + 1, null, cancellationToken: Ct).AsTask());
        Assert.Empty(Directory.GetFileSystemEntries(BlobsPath));
        Assert.Empty(await Store.WalkAsync(cancellationToken: Ct).ToListAsync(Ct));

        await writer.CommitAsync(blob.Size, blob.Digest, cancellationToken: Ct);
        Assert.Equal(new[] { blob.Digest.Encoded }, Directory.GetFileSystemEntries(BlobsPath).Select(Path.GetFileName));
    }

    [Fact]
    public async Task OpenWriter_IngestOfEarlierStoreInstance_ResumesAfterRestart()
    {
        var blob = TestBlob.Random(100_000);
        await using (var writer = await Store.OpenWriterAsync(Options("survivor", blob), Ct))
        {
            await WriteAsync(writer, blob.Bytes.AsMemory(0, 60_000), chunk: 8192);
        }

        var restarted = await LocalContentStore.OpenAsync(StoreRoot, LinuxSyscalls.Instance, cancellationToken: Ct);

        var status = Assert.Single(await restarted.ListStatusesAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal(("survivor", 60_000L, 100_000L), (status.Ref, status.Offset, status.Total));
        await using (var resumed = await restarted.OpenWriterAsync(Options("survivor", blob), Ct))
        {
            Assert.Equal(Oci.Digest.Sha256(blob.Bytes.AsSpan(0, 60_000)), resumed.Digest);
            await WriteAsync(resumed, blob.Bytes.AsMemory(60_000), chunk: 8192);
            await resumed.CommitAsync(blob.Size, blob.Digest, cancellationToken: Ct);
        }

        Assert.Equal(blob.Bytes, await restarted.ReadAllBytesAsync(blob.Digest, Ct));
        await AssertContentAsync(blob);
    }

    [Fact]
    public async Task OpenWriter_RefHeldThroughAnotherInstance_ThrowsUnavailable()
    {
        var other = await LocalContentStore.OpenAsync(StoreRoot, LinuxSyscalls.Instance, cancellationToken: Ct);
        await using var writer = await other.OpenWriterAsync(Options("shared"), Ct);

        await Assert.ThrowsAsync<Core.Errors.UnavailableException>(() => Store.OpenWriterAsync(Options("shared"), Ct).AsTask());
    }

    [Fact]
    public async Task ListStatuses_HalfCreatedIngest_IsSkippedAndItsRefStartsOver()
    {
        string ingest = IngestPath("half");
        Directory.CreateDirectory(ingest);
        await File.WriteAllBytesAsync(Path.Combine(ingest, "data"), new byte[10], Ct);

        Assert.Empty(await Store.ListStatusesAsync(cancellationToken: Ct).ToListAsync(Ct));
        await using var writer = await Store.OpenWriterAsync(Options("half"), Ct);
        Assert.Equal(0, (await writer.StatusAsync(Ct)).Offset);
    }

    [Fact]
    public async Task Walk_StrayFileUnderBlobs_IsSkipped()
    {
        var blob = TestBlob.Random(10);
        await CommitAsync(blob);
        await File.WriteAllTextAsync(Path.Combine(BlobsPath, "not-a-digest"), "x", Ct);

        Assert.Equal(blob.Digest, Assert.Single(await Store.WalkAsync(cancellationToken: Ct).ToListAsync(Ct)).Digest);
    }

    [Fact]
    public async Task Read_BlobDeletedWhileOpen_KeepsReading()
    {
        var blob = TestBlob.Random(50_000);
        await CommitAsync(blob);
        await using var reader = await Store.OpenReadAsync(blob.Digest, Ct);

        await Store.DeleteAsync(blob.Digest, Ct);

        var buffer = new byte[blob.Size];
        int total = 0;
        for (int read; total < buffer.Length && (read = await reader.ReadAtAsync(buffer.AsMemory(total), total, Ct)) > 0;)
        {
            total += read;
        }

        Assert.Equal(blob.Bytes, buffer);
    }
}
