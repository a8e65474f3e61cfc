using Berth.Core.Content;
using Berth.Oci;

namespace Berth.Remotes.Pull;

internal sealed partial class Puller
{
    // Fetches a blob and records where it came from; true when it was downloaded, false when the store had it.
    private async Task<bool> FetchBlobAsync(Descriptor blob, bool inLease, Action<long>? onProgress, CancellationToken cancellationToken,
        LayerArrival? arrival = null)
    {
        bool fetched = await _fetcher.FetchAsync(blob, inLease, onProgress, cancellationToken, arrival);
        await AddSourceLabelAsync(blob.Digest, cancellationToken);
        return fetched;
    }

    private async Task AddSourceLabelAsync(Digest digest, CancellationToken cancellationToken)
    {
        string key = PullLabels.DistributionSourceKey(_plan.Reference);
        var info = await Content.InfoAsync(digest, cancellationToken);
        string? value = PullLabels.AppendDistributionSource(key, info.Labels.GetValueOrDefault(key), _plan.Reference.Repository);
        if (value is null)
        {
            PullLog.LabelSkipped(_logger, digest.ToString(), $"{key} would exceed the label size limit");
            return;
        }

        if (info.Labels.GetValueOrDefault(key) != value)
        {
            await LabelAsync(digest, new Dictionary<string, string> { [key] = value }, cancellationToken);
        }
    }

    // Sets the given labels only, leaving the others (containerd updates with "labels.<key>" field paths).
    private async Task LabelAsync(Digest digest, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        if (labels.Count == 0)
        {
            return;
        }

        var update = new ContentInfo(digest, 0, default, default) { Labels = labels };
        await Content.UpdateAsync(update, [.. labels.Keys.Select(k => "labels." + k)], cancellationToken);
    }
}
