using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Push;

namespace Berth.Remotes;

internal sealed partial class ImageTransfer
{
    private readonly Dictionary<string, PushJob> _pushes = new(StringComparer.Ordinal);

    // As a pull: the push is a job of the daemon, joined by whoever asks for the same at the same time; a caller that
    // stops listening leaves it running.
    public async IAsyncEnumerable<TransferProgress> PushAsync(INamespaceScope scope, ImagePushRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!ImageReference.TryParse(request.Reference, out var reference, out string? error))
        {
            throw new InvalidArgumentException(error);
        }

        var (job, progress) = JoinPush(new PushPlan(scope.Namespace, reference, request.Platform), request.Credentials);
        try
        {
            await foreach (var item in progress.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            job.Forget(progress);
        }
    }

    private (PushJob Job, ChannelReader<TransferProgress> Progress) JoinPush(PushPlan plan, RegistryCredentials? credentials)
    {
        lock (_lock)
        {
            if (_pushes.TryGetValue(plan.Key, out var running) && running.Watch() is { } joined)
            {
                return (running, joined);
            }

            if (_stopping.IsCancellationRequested)
            {
                throw new UnavailableException($"cannot push {plan.Reference}: the daemon is shutting down; push again once it is back");
            }

            var job = new PushJob(plan);
            var progress = job.Watch()!;
            _pushes[plan.Key] = job;
            job.Run = Task.Run(() => RunPushAsync(job, credentials), CancellationToken.None);
            return (job, progress);
        }
    }

    private async Task RunPushAsync(PushJob job, RegistryCredentials? credentials)
    {
        var plan = job.Plan;
        Exception? failure = null;
        try
        {
            var started = Stopwatch.GetTimestamp();
            PushLog.Started(_logger, plan.Reference.ToString(), plan.Namespace);
            var registry = _registries.Create(plan.Reference.Registry, credentials);
            using var pusher = new Pusher(registry, plan, _metadata.ForNamespace(plan.Namespace), _settings, _time, _logger, job.Report);
            var root = await pusher.RunAsync(_stopping.Token);
            PushLog.Pushed(_logger, plan.Reference.ToString(), root.Digest.ToString(), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            job.Report(new TransferProgress(plan.Reference.ToString(), TransferStatus.Done, root.Size, root.Size) { Detail = root.Digest.ToString() });
        }
        catch (Exception ex)
        {
            failure = ex switch
            {
                BerthException => ex,
                OperationCanceledException when _stopping.IsCancellationRequested => new UnavailableException(
                    $"the push of {plan.Reference} stopped because the daemon is shutting down: push again once it is back", ex),
                _ => new InternalException($"the push of {plan.Reference} failed: {ex.Message}", ex),
            };
            PushLog.Failed(_logger, plan.Reference.ToString(), failure.Message);
        }
        finally
        {
            lock (_lock)
            {
                _pushes.Remove(plan.Key);
            }

            job.Finish(failure);
        }
    }
}
