using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Remotes.Pull;

namespace Berth.Remotes.Push;

internal sealed partial class Pusher
{
    // After the push, what went is known to be in the repository too: containerd appends it to the blobs'
    // distribution source label, so a push to another repository of the registry can mount from there.
    private async Task LabelSourcesAsync(IReadOnlySet<Digest> stored, CancellationToken cancellationToken)
    {
        string key = PullLabels.DistributionSourceKey(_plan.Reference);
        foreach (var digest in stored)
        {
            try
            {
                var info = await _scope.Content.InfoAsync(digest, cancellationToken);
                string? current = info.Labels.GetValueOrDefault(key);
                string? value = PullLabels.AppendDistributionSource(key, current, _plan.Reference.Repository);
                if (value is not null && value != current)
                {
                    var update = new ContentInfo(digest, 0, default, default) { Labels = new Dictionary<string, string> { [key] = value } };
                    await _scope.Content.UpdateAsync(update, ["labels." + key], cancellationToken);
                }
            }
            catch (BerthException ex)
            {
                // The push succeeded; a blob deleted meanwhile only costs a later push its mount.
                PushLog.LabelFailed(_logger, _plan.Reference.Repository, digest.ToString(), ex.Message);
            }
        }
    }
}
