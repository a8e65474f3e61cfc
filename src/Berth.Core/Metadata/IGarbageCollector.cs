namespace Berth.Core.Metadata;

/// <summary>
/// Mark and sweep over the metadata: roots (images, unexpired leases, objects labelled <c>containerd.io/gc.root</c>)
/// keep alive what they reference through <c>containerd.io/gc.ref.*</c> labels and snapshot parents; the rest is deleted
/// from the metadata and then from disk.
/// </summary>
public interface IGarbageCollector
{
    /// <summary>Asks for a collection soon; many requests close together make one collection.</summary>
    void Schedule();

    /// <summary>Collects now and returns what was removed.</summary>
    ValueTask<GcResult> CollectAsync(CancellationToken cancellationToken = default);
}

/// <summary>What one collection removed.</summary>
public sealed record GcResult(int Content, int Snapshots, int Ingests, int Leases, TimeSpan Duration);
