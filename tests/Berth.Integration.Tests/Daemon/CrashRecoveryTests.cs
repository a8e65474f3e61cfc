using System.Security.Cryptography;
using Berth.Integration.Tests.Infrastructure;
using Berth.Oci;
using Containerd.Services.Content.V1;
using Google.Protobuf;
using Grpc.Core;
using ContentClient = Containerd.Services.Content.V1.Content.ContentClient;

namespace Berth.Integration.Tests.Daemon;

/// <summary>
/// SIGKILL in the middle of a write: nothing committed is lost, nothing partial is visible, the ingest resumes. The
/// writes hold a lease, as every containerd client's do: content nobody references is garbage by design.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const string Ns = "crash";
    private const string Lease = "crash-test";
    private const int Chunk = 256 * 1024;

    [Fact]
    public async Task SigkillDuringWrite_KeepsCommittedBlobs_HidesThePartialOne_AndTheIngestResumes()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var daemon = await BerthDaemon.StartNewAsync();
        byte[] committed = RandomNumberGenerator.GetBytes(3 * Chunk + 17);
        byte[] partial = RandomNumberGenerator.GetBytes(8 * Chunk);
        var committedDigest = Digest.Sha256(committed);
        var partialDigest = Digest.Sha256(partial);

        using (var channel = RawGrpc.Channel(daemon.Address))
        {
            await new Containerd.Services.Leases.V1.Leases.LeasesClient(channel)
                .CreateAsync(new Containerd.Services.Leases.V1.CreateRequest { Id = Lease }, RawGrpc.Namespace(Ns));
            var content = new ContentClient(channel);
            await WriteAsync(content, "done", committed, 0, committed.Length, commit: true, committedDigest);
            // Half of the second blob, then the daemon dies while the stream is still open.
            using var call = content.Write(RawGrpc.Namespace(Ns, Lease));
            await call.RequestStream.WriteAsync(new WriteContentRequest { Action = WriteAction.Stat, Ref = "half", Total = partial.Length, Expected = partialDigest.ToString() });
            await call.ResponseStream.MoveNext(CancellationToken.None);
            for (int offset = 0; offset < partial.Length / 2; offset += Chunk)
            {
                await call.RequestStream.WriteAsync(new WriteContentRequest
                {
                    Action = WriteAction.Write, Ref = "half", Offset = offset, Data = ByteString.CopyFrom(partial, offset, Chunk),
                });
                await call.ResponseStream.MoveNext(CancellationToken.None);
            }

            await daemon.KillAsync();
        }

        string blobs = Path.Combine(daemon.Root, "content", "blobs", "sha256");
        Assert.Equal([committedDigest.Encoded], Directory.GetFiles(blobs).Select(Path.GetFileName));

        await daemon.StartAsync();
        using (var channel = RawGrpc.Channel(daemon.Address))
        {
            var content = new ContentClient(channel);
            Assert.Equal(committed, await ReadAsync(content, committedDigest));
            var status = (await content.StatusAsync(new StatusRequest { Ref = "half" }, RawGrpc.Namespace(Ns))).Status;
            Assert.Equal(partial.Length / 2, status.Offset);
            var absent = await Assert.ThrowsAsync<RpcException>(() => content.InfoAsync(new InfoRequest { Digest = partialDigest.ToString() }, RawGrpc.Namespace(Ns)).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, absent.StatusCode);

            await WriteAsync(content, "half", partial, (int)status.Offset, partial.Length, commit: true, partialDigest);
            Assert.Equal(partial, await ReadAsync(content, partialDigest));
        }
    }

    private static async Task WriteAsync(ContentClient content, string reference, byte[] data, int from, int to, bool commit, Digest expected)
    {
        using var call = content.Write(RawGrpc.Namespace(Ns, Lease));
        await call.RequestStream.WriteAsync(new WriteContentRequest { Action = WriteAction.Stat, Ref = reference, Total = data.Length });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(from, call.ResponseStream.Current.Offset);
        for (int offset = from; offset < to; offset += Chunk)
        {
            int size = Math.Min(Chunk, to - offset);
            bool last = offset + size >= to;
            await call.RequestStream.WriteAsync(new WriteContentRequest
            {
                Action = last && commit ? WriteAction.Commit : WriteAction.Write,
                Ref = reference,
                Offset = offset,
                Total = data.Length,
                Expected = last && commit ? expected.ToString() : string.Empty,
                Data = ByteString.CopyFrom(data, offset, size),
            });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        }

        Assert.Equal(expected.ToString(), call.ResponseStream.Current.Digest);
        await call.RequestStream.CompleteAsync();
    }

    private static async Task<byte[]> ReadAsync(ContentClient content, Digest digest)
    {
        using var call = content.Read(new ReadContentRequest { Digest = digest.ToString() }, RawGrpc.Namespace(Ns));
        using var buffer = new MemoryStream();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            Assert.Equal(buffer.Length, call.ResponseStream.Current.Offset);
            call.ResponseStream.Current.Data.WriteTo(buffer);
        }

        return buffer.ToArray();
    }
}
