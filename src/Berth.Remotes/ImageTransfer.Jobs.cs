using System.Diagnostics;
using System.Threading.Channels;
using Berth.Core.Errors;
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

            if (_stopping.IsCancellationRequested)
            {
                throw new UnavailableException($"cannot pull {plan.Reference}: the daemon is shutting down; pull again once it is back");
            }

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
}
