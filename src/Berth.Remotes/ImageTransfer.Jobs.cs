using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Labels;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Pull;

namespace Berth.Remotes;

internal sealed partial class ImageTransfer
{
    // The caller's credentials start a job; one who joins rides on the credentials of the first.
    private (PullJob Job, ChannelReader<TransferProgress> Progress) Join(PullPlan plan, RegistryCredentials? credentials)
    {
        lock (_lock)
        {
            if (_jobs.TryGetValue(plan.Key, out var running) && running.Watch() is { } joined)
            {
                return (running, joined);
            }

            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            var job = new PullJob(plan);
            var progress = job.Watch()!;
            _jobs[plan.Key] = job;
            job.Run = Task.Run(() => RunAsync(job, credentials), CancellationToken.None);
            return (job, progress);
        }
    }

    private async Task RunAsync(PullJob job, RegistryCredentials? credentials)
    {
        var plan = job.Plan;
        Exception? failure = null;
        try
        {
            var started = Stopwatch.GetTimestamp();
            PullLog.Started(_logger, plan.Reference.ToString(), Platforms.Format(plan.Platform), plan.Namespace);
            var root = await PullLeasedAsync(job, credentials, _stopping.Token);
            PullLog.Pulled(_logger, plan.Reference.ToString(), root.Digest.ToString(), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            job.Report(new TransferProgress(plan.Reference.ToString(), TransferStatus.Done) { Detail = root.Digest.ToString() });
        }
        catch (Exception ex)
        {
            failure = ex switch
            {
                BerthException => ex,
                OperationCanceledException when _stopping.IsCancellationRequested => new UnavailableException(
                    $"the pull of {plan.Reference} stopped because the daemon is shutting down: pull again once it is back", ex),
                _ => new InternalException($"the pull of {plan.Reference} failed: {ex.Message}", ex),
            };
            PullLog.Failed(_logger, plan.Reference.ToString(), failure.Message);
        }
        finally
        {
            lock (_lock)
            {
                _jobs.Remove(plan.Key);
            }

            job.Finish(failure);
        }
    }

    // Everything is fetched under a lease; the image record, made last, then holds it all and the lease goes.
    private async Task<Descriptor> PullLeasedAsync(PullJob job, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        var plan = job.Plan;
        var scope = _metadata.ForNamespace(plan.Namespace);
        string leaseId = $"pull-{_time.GetUtcNow().ToUnixTimeMilliseconds()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        string expiry = (_time.GetUtcNow() + _settings.LeaseExpiry).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await scope.Leases.CreateAsync(leaseId, new Dictionary<string, string> { [LabelSet.GcExpire] = expiry }, cancellationToken);
        try
        {
            var registry = _registries.Create(plan.Reference.Registry, credentials);
            using var puller = new Puller(registry, plan, _metadata.ForNamespace(plan.Namespace, leaseId), _settings, _time, _logger, job.Report);
            var root = await puller.RunAsync(cancellationToken);
            await SaveImageAsync(scope.Images, new Image(plan.Reference.ToString(), root), cancellationToken);
            return root;
        }
        finally
        {
            try
            {
                await scope.Leases.DeleteAsync(leaseId, synchronous: false, CancellationToken.None);
            }
            catch (BerthException ex)
            {
                PullLog.LeaseDeleteFailed(_logger, leaseId, ex.Message);
            }
        }
    }

    // containerd's createNewImage: create, or replace the target (and labels) of the image of that name.
    private static async Task SaveImageAsync(IImageStore images, Image image, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await images.CreateAsync(image, cancellationToken);
                return;
            }
            catch (AlreadyExistsException)
            {
            }

            try
            {
                await images.UpdateAsync(image, null, cancellationToken);
                return;
            }
            catch (NotFoundException) when (attempt < 3)
            {
                // Deleted between the two calls: create it again.
            }
        }
    }
}
