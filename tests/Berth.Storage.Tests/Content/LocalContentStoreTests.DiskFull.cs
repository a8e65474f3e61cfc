using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Linux;
using Berth.Storage.Content.Local;
using Berth.Testing;
using Berth.Testing.Content;

namespace Berth.Storage.Tests.Content;

public sealed partial class LocalContentStoreTests
{
    [Fact, Trait("Category", "Root")]
    public async Task Write_DiskFull_ThrowsResourceExhaustedAndKeepsTheIngest()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "mounting a tiny tmpfs requires root");
        using var mountPoint = new TempDirectory("content-enospc");
        LinuxSyscalls.Instance.Mount("tmpfs", mountPoint.Path, "tmpfs", MountFlags.NoSuid | MountFlags.NoDev, "size=1m");
        try
        {
            var store = await LocalContentStore.OpenAsync(mountPoint.Path, LinuxSyscalls.Instance, cancellationToken: Ct);
            var committed = TestBlob.Random(100_000);
            await using (var writer = await store.OpenWriterAsync(Options("small", committed), Ct))
            {
                await WriteAsync(writer, committed.Bytes, chunk: 65536);
                await writer.CommitAsync(committed.Size, committed.Digest, cancellationToken: Ct);
            }

            var tooLarge = TestBlob.Random(2 << 20);
            ResourceExhaustedException error;
            long offsetAtFailure;
            await using (var writer = await store.OpenWriterAsync(Options("large", tooLarge), Ct))
            {
                error = await Assert.ThrowsAsync<ResourceExhaustedException>(() => WriteAsync(writer, tooLarge.Bytes, chunk: 65536));
                offsetAtFailure = (await writer.StatusAsync(Ct)).Offset;
                Assert.Equal(Oci.Digest.Sha256(tooLarge.Bytes.AsSpan(0, (int)offsetAtFailure)), writer.Digest);
            }

            Assert.Contains("disk", error.Message, StringComparison.Ordinal);
            Assert.Contains("full", error.Message, StringComparison.Ordinal);
            Assert.Contains("large", error.Message, StringComparison.Ordinal);
            Assert.InRange(offsetAtFailure, 1, tooLarge.Size - 1);
            Assert.Equal(offsetAtFailure, (await store.StatusAsync("large", Ct)).Offset);
            Assert.Equal(committed.Bytes, await store.ReadAllBytesAsync(committed.Digest, Ct));

            // Once space is freed, the same ref resumes where it stopped.
            await store.DeleteAsync(committed.Digest, Ct);
            await using var resumed = await store.OpenWriterAsync(Options("large", tooLarge), Ct);
            Assert.Equal(offsetAtFailure, (await resumed.StatusAsync(Ct)).Offset);
        }
        finally
        {
            LinuxSyscalls.Instance.Unmount(mountPoint.Path, UnmountFlags.Detach);
        }
    }
}
