using System.Runtime.CompilerServices;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Pull;
using Berth.Remotes.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Remotes;

/// <summary>
/// The daemon's image transfers. A pull (or push) runs as a background job of this object, keyed by what it will
/// produce (<see cref="PullPlan.Key"/>, <see cref="Push.PushPlan.Key"/>): a second caller asking for the same joins it, a caller that stops listening leaves it
/// running, and the job ends by itself. Stopping the daemon (<see cref="DisposeAsync"/>) cancels the jobs.
/// </summary>
internal sealed partial class ImageTransfer : IImageTransfer, IAsyncDisposable
{
    private readonly IRegistryClientFactory _registries;
    private readonly IMetadataStore _metadata;
    private readonly string _defaultSnapshotter;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ImageTransferSettings _settings;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PullJob> _jobs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public ImageTransfer(IRegistryClientFactory registries, IMetadataStore metadata, string defaultSnapshotter, ILogger<ImageTransfer>? logger = null,
        TimeProvider? time = null, ImageTransferSettings? settings = null)
    {
        _registries = registries;
        _metadata = metadata;
        _defaultSnapshotter = defaultSnapshotter;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _settings = settings ?? new ImageTransferSettings();
    }

    public async IAsyncEnumerable<TransferProgress> PullAsync(INamespaceScope scope, ImagePullRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!ImageReference.TryParse(request.Reference, out var reference, out string? error))
        {
            throw new InvalidArgumentException(error);
        }

        var plan = new PullPlan(scope.Namespace, reference, request.Platform ?? Platforms.Host, request.AllPlatforms, request.Unpack,
            request.Snapshotter ?? _defaultSnapshotter);
        var (job, progress) = Join(plan, request.Credentials);
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

    public ValueTask CheckLoginAsync(string registry, RegistryCredentials credentials, CancellationToken cancellationToken = default)
        => _registries.Create(registry, credentials).PingAsync(cancellationToken);

    /// <summary>Cancels the pulls and pushes under way and waits for them to clean up.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_lock)
        {
            running = [.. _jobs.Values.Select(j => j.Run).Concat(_pushes.Values.Select(p => p.Run)).OfType<Task>()];
        }

        await Task.WhenAll(running);
        _stopping.Dispose();
    }
}
