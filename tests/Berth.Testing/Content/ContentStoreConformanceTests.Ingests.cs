using Berth.Core.Errors;

namespace Berth.Testing.Content;

public abstract partial class ContentStoreConformanceTests
{
    [Fact]
    public async Task Status_OpenIngest_ReportsItsProgress()
    {
        var blob = TestBlob.Random(1000);
        var before = DateTimeOffset.UtcNow;
        await using var writer = await Store.OpenWriterAsync(Options("progress", blob), Ct);
        await writer.WriteAsync(blob.Bytes.AsMemory(0, 400), Ct);
        var after = DateTimeOffset.UtcNow;

        var status = await Store.StatusAsync("progress", Ct);

        Assert.Equal("progress", status.Ref);
        Assert.Equal(400, status.Offset);
        Assert.Equal(1000, status.Total);
        Assert.Equal(blob.Digest, status.Expected);
        AssertTimeBetween(status.StartedAt, before, after, "started at");
        AssertTimeBetween(status.UpdatedAt, before, after, "updated at");
    }

    [Fact]
    public async Task Status_UnknownRef_ThrowsNotFound()
        => await Assert.ThrowsAsync<NotFoundException>(() => Store.StatusAsync("nothing", Ct).AsTask());

    [Fact]
    public async Task ListStatuses_SeveralIngests_ListsThemAndFiltersByRef()
    {
        await using (var closed = await Store.OpenWriterAsync(Options("alpha"), Ct))
        {
            await closed.WriteAsync(new byte[10], Ct);
        }

        await using var beta1 = await Store.OpenWriterAsync(Options("beta-1"), Ct);
        await beta1.WriteAsync(new byte[20], Ct);
        await using var beta2 = await Store.OpenWriterAsync(Options("beta-2"), Ct);
        await CommitAsync(TestBlob.Random(30));

        var all = await Store.ListStatusesAsync(cancellationToken: Ct).ToListAsync(Ct);
        Assert.Equal(["alpha", "beta-1", "beta-2"], all.Select(s => s.Ref).Order());
        Assert.Equal(20, all.Single(s => s.Ref == "beta-1").Offset);

        var exact = await Store.ListStatusesAsync(["ref==alpha"], Ct).ToListAsync(Ct);
        Assert.Equal("alpha", Assert.Single(exact).Ref);
        Assert.Equal(10, exact[0].Offset);

        var matching = await Store.ListStatusesAsync(["ref~=^beta"], Ct).ToListAsync(Ct);
        Assert.Equal(["beta-1", "beta-2"], matching.Select(s => s.Ref).Order());

        var either = await Store.ListStatusesAsync(["ref==alpha", "ref==beta-2"], Ct).ToListAsync(Ct);
        Assert.Equal(["alpha", "beta-2"], either.Select(s => s.Ref).Order());
    }

    [Fact]
    public async Task ListStatuses_BadFilter_ThrowsInvalidArgument()
        => await Assert.ThrowsAsync<InvalidArgumentException>(
            () => Store.ListStatusesAsync(["ref=="], Ct).ToListAsync(Ct).AsTask());

    [Fact]
    public async Task Abort_Ingest_DiscardsItsBytes()
    {
        await using (var writer = await Store.OpenWriterAsync(Options("to-abort"), Ct))
        {
            await writer.WriteAsync(new byte[100], Ct);
        }

        await Store.AbortAsync("to-abort", Ct);

        await Assert.ThrowsAsync<NotFoundException>(() => Store.StatusAsync("to-abort", Ct).AsTask());
        Assert.DoesNotContain(await Store.ListStatusesAsync(cancellationToken: Ct).ToListAsync(Ct), s => s.Ref == "to-abort");
        await using var again = await Store.OpenWriterAsync(Options("to-abort"), Ct);
        Assert.Equal(0, (await again.StatusAsync(Ct)).Offset);
    }

    [Fact]
    public async Task Abort_UnknownRef_ThrowsNotFound()
        => await Assert.ThrowsAsync<NotFoundException>(() => Store.AbortAsync("nothing", Ct).AsTask());

    [Fact]
    public async Task Abort_RefWithOpenWriter_ThrowsUnavailable()
    {
        await using var writer = await Store.OpenWriterAsync(Options("in-use"), Ct);
        await writer.WriteAsync(new byte[100], Ct);

        await Assert.ThrowsAsync<UnavailableException>(() => Store.AbortAsync("in-use", Ct).AsTask());

        Assert.Equal(100, (await Store.StatusAsync("in-use", Ct)).Offset);
    }
}
