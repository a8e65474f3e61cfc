using System.Globalization;
using System.Security.Cryptography;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Labels;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Pull;

namespace Berth.Remotes;

internal sealed partial class ImageTransfer
{
    // Everything is fetched under a lease; the image record, made last, then holds it all and the lease goes.
    private async Task<Descriptor> PullLeasedAsync(PullJob job, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        var plan = job.Plan;
        var scope = _metadata.ForNamespace(plan.Namespace);
        string leaseId = $"pull-{_time.GetUtcNow().ToUnixTimeMilliseconds()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        string expiry = (_time.GetUtcNow() + _settings.LeaseExpiry).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await scope.Leases.CreateAsync(leaseId, new Dictionary<string, string> { [LabelSet.GcExpire] = expiry }, cancellationToken);
        Exception? failure = null;
        try
        {
            var registry = _registries.Create(plan.Reference.Registry, credentials);
            using var puller = new Puller(registry, plan, _metadata.ForNamespace(plan.Namespace, leaseId), scope, _settings, _time, _logger, job.Report);
            var root = await puller.RunAsync(cancellationToken);
            await scope.Images.SaveAsync(new Image(plan.Reference.ToString(), root), null, cancellationToken);
            return root;
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            // A pull refused for good (bad digest, unknown media type) takes what it fetched with it, so the store is as
            // before; one cut off by the network or the daemon's stop leaves it to the collector's next run, for a retry
            // to resume from.
            bool collectNow = failure is not (null or UnavailableException or OperationCanceledException);
            try
            {
                await scope.Leases.DeleteAsync(leaseId, synchronous: collectNow, CancellationToken.None);
            }
            catch (BerthException ex)
            {
                PullLog.LeaseDeleteFailed(_logger, leaseId, ex.Message);
            }
        }
    }
}
