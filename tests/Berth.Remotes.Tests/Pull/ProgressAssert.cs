using System.Runtime.Versioning;
using Berth.Core.Transfer;
using Berth.Oci;

namespace Berth.Remotes.Tests.Pull;

[SupportedOSPlatform("linux")]
internal static class ProgressAssert
{
    public static string ShortId(Descriptor layer) => layer.Digest.Encoded[..12];

    /// <summary>The statuses reported for a layer, repeats of Downloading folded into one.</summary>
    public static List<TransferStatus> StatusesOf(IEnumerable<TransferProgress> progress, Descriptor layer)
    {
        var statuses = new List<TransferStatus>();
        foreach (var item in progress.Where(p => p.Id == ShortId(layer)))
        {
            if (statuses.Count == 0 || statuses[^1] != item.Status || item.Status != TransferStatus.Downloading)
            {
                statuses.Add(item.Status);
            }
        }

        return statuses;
    }

    public static void InOrder(IEnumerable<TransferProgress> progress, Descriptor layer, params TransferStatus[] expected)
        => Assert.Equal(expected, StatusesOf(progress, layer));

    /// <summary>No lease, ingest or extraction snapshot of the pull stays behind.</summary>
    public static async Task NothingLeftOverAsync(PullFixture fixture, string snapshotter = StorageStack.Overlay)
    {
        await foreach (var lease in fixture.Scope.Leases.ListAsync(null, PullFixture.Token))
        {
            Assert.Fail($"lease {lease.Id} is left");
        }

        await foreach (var ingest in fixture.Scope.Content.ListStatusesAsync(null, PullFixture.Token))
        {
            Assert.Fail($"ingest {ingest.Ref} is left");
        }

        Assert.DoesNotContain((await fixture.SnapshotsAsync(snapshotter)).Keys, k => k.StartsWith("extract-", StringComparison.Ordinal));
    }
}
