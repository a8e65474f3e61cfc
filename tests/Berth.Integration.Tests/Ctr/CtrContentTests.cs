using Berth.Integration.Tests.Infrastructure;
using Berth.Oci;

namespace Berth.Integration.Tests.Ctr;

/// <summary>`ctr content` through berthd's Content and Leases services, including a prune that runs the collector.</summary>
public sealed class CtrContentTests(EngineFixture engine)
{
    [Fact]
    public async Task IngestGetLabelRemove()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        // ctr ingests without a lease, so the blob is garbage until labelled: on the shared daemon another test's delete
        // could collect it mid-test. A private daemon runs no collection but the one this test's own rm asks for.
        await using var daemon = await BerthDaemon.StartNewAsync();
        string ns = Names.Namespace();
        const string data = "hello from ctr\n";
        var digest = Digest.Sha256(System.Text.Encoding.UTF8.GetBytes(data));
        var ingest = await ProcessRunner.RunAsync(Infrastructure.Ctr.Path,
            ["--address", daemon.Address, "-n", ns, "content", "ingest", "--expected-digest", digest.ToString(), "my-ref"], stdin: data);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        Assert.Equal(data, (await Infrastructure.Ctr.RunAsync(daemon, ns, "content", "get", digest.ToString())).Stdout);
        // A label update wakes the collector, and an unreferenced blob is garbage: gc.root is how a user keeps one.
        Assert.Equal(0, (await Infrastructure.Ctr.RunAsync(daemon, ns, "content", "label", digest.ToString(), "note=kept",
            "containerd.io/gc.root=2026-01-01T00:00:00Z")).ExitCode);
        await Task.Delay(500); // longer than the collector's debounce: the blob must still be there after it ran
        Assert.Matches($@"(?m)^{digest}\s+{data.Length}B?\s+.*note=kept", (await Infrastructure.Ctr.RunAsync(daemon, ns, "content", "ls")).Stdout);

        Assert.Equal(0, (await Infrastructure.Ctr.RunAsync(daemon, ns, "content", "rm", digest.ToString())).ExitCode);
        var gone = await Infrastructure.Ctr.RunAsync(daemon, ns, "content", "get", digest.ToString());
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("not found", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PruneReferences_DropsLayerLabels_AndTheCollectorRemovesTheLayers()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        Assert.Equal(0, (await Run(ns, "images", "pull", "--plain-http", engine.LayeredRef)).ExitCode);
        Assert.Equal(5, ContentRows(await Run(ns, "content", "ls")));

        // ctr removes the layer references, then deletes a lease synchronously: that runs the garbage collector.
        var prune = await Run(ns, "content", "prune", "references");
        Assert.True(prune.ExitCode == 0, prune.ToString());

        var left = await Run(ns, "content", "ls");
        Assert.Equal(2, ContentRows(left)); // the manifest and the config stay, the three layers go
        Assert.DoesNotContain("gc.ref.content.l.", left.Stdout, StringComparison.Ordinal);
        Assert.Contains(engine.LayeredRef, (await Run(ns, "images", "ls")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Active_ListsAnIngestInProgress()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        using var channel = RawGrpc.Channel(engine.Daemon.Address);
        var content = new Containerd.Services.Content.V1.Content.ContentClient(channel);
        using var call = content.Write(RawGrpc.Namespace(ns));
        await call.RequestStream.WriteAsync(new Containerd.Services.Content.V1.WriteContentRequest
        {
            Action = Containerd.Services.Content.V1.WriteAction.Write,
            Ref = "in-flight",
            Total = 100,
            Data = Google.Protobuf.ByteString.CopyFrom(new byte[40]),
        });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Matches(@"(?m)^in-flight\s+40B\s", (await Run(ns, "content", "active")).Stdout);
        await call.RequestStream.CompleteAsync();
    }

    private static int ContentRows(ProcessResult list) => list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;

    private Task<ProcessResult> Run(string ns, params string[] arguments) => Infrastructure.Ctr.RunAsync(engine.Daemon, ns, arguments);
}
