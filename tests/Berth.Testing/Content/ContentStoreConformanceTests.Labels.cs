using Berth.Core.Content;
using Berth.Core.Errors;

namespace Berth.Testing.Content;

public abstract partial class ContentStoreConformanceTests
{
    /// <summary>containerd's Labels test: labels given at commit, replaced whole, then changed by field path.</summary>
    [Fact]
    public async Task Update_Labels_ReplacesThemOrChangesTheNamedOnes()
    {
        Assert.SkipUnless(SupportsLabels, "this store keeps no labels");
        var blob = TestBlob.Random(256);
        var labels = new Dictionary<string, string> { ["k1"] = "v1", ["k2"] = "v2", ["containerd.io/gc.root"] = "now" };
        var beforeCommit = DateTimeOffset.UtcNow;
        await CommitAsync(blob, labels);
        var afterCommit = DateTimeOffset.UtcNow;
        await AssertInfoAsync(blob, beforeCommit, afterCommit, labels);

        var replaced = new Dictionary<string, string> { ["k1"] = "new", ["k3"] = "v3", ["containerd.io/gc.root"] = "now" };
        var updated = await Store.UpdateAsync(Info(blob, replaced), cancellationToken: Ct);
        Assert.Equal(replaced.OrderBy(l => l.Key), updated.Labels.OrderBy(l => l.Key));
        Assert.Equal(replaced.OrderBy(l => l.Key), (await Store.InfoAsync(blob.Digest, Ct)).Labels.OrderBy(l => l.Key));

        // k3 is named but absent, so it goes; k1 is named and given, so it changes; the rest stays.
        var partial = new Dictionary<string, string> { ["k1"] = "v1", ["ignored"] = "x" };
        await Store.UpdateAsync(Info(blob, partial), ["labels.k3", "labels.k1"], Ct);
        var info = await Store.InfoAsync(blob.Digest, Ct);
        Assert.Equal(
            new Dictionary<string, string> { ["k1"] = "v1", ["containerd.io/gc.root"] = "now" }.OrderBy(l => l.Key),
            info.Labels.OrderBy(l => l.Key));
        AssertTimeBetween(info.CreatedAt, beforeCommit, afterCommit, "created at");
    }

    [Fact]
    public async Task Walk_LabelFilter_MatchesLabelledBlobs()
    {
        Assert.SkipUnless(SupportsLabels, "this store keeps no labels");
        var labelled = TestBlob.Random(10);
        var plain = TestBlob.Random(10);
        await CommitAsync(labelled, new Dictionary<string, string> { ["purpose"] = "test" });
        await CommitAsync(plain);

        var walked = await Store.WalkAsync(["labels.purpose==test"], Ct).ToListAsync(Ct);

        Assert.Equal(labelled.Digest, Assert.Single(walked).Digest);
        Assert.Equal(2, (await Store.WalkAsync(["labels.purpose!=other"], Ct).ToListAsync(Ct)).Count);
    }

    [Fact]
    public async Task Update_FieldOtherThanLabels_ThrowsInvalidArgument()
    {
        var blob = TestBlob.Random(10);
        await CommitAsync(blob);

        await Assert.ThrowsAsync<InvalidArgumentException>(() => Store.UpdateAsync(Info(blob, []), ["size"], Ct).AsTask());
    }

    [Fact]
    public async Task Update_MissingBlob_ThrowsNotFound()
    {
        var blob = TestBlob.Random(10);

        await Assert.ThrowsAsync<NotFoundException>(() => Store.UpdateAsync(Info(blob, []), ["labels"], Ct).AsTask());
    }

    private static ContentInfo Info(TestBlob blob, Dictionary<string, string> labels)
        => new(blob.Digest, blob.Size, default, default) { Labels = labels };
}
