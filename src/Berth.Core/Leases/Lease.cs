namespace Berth.Core.Leases;

/// <summary>
/// A lease protects the resources attached to it from garbage collection until it is deleted or its
/// <c>containerd.io/gc.expire</c> label passes.
/// </summary>
public sealed record Lease(string Id, DateTimeOffset CreatedAt)
{
    /// <summary>Labels, such as the expiry.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Berth.Core.Labels.LabelSet.Empty;
}

/// <summary>A resource held by a lease.</summary>
/// <param name="Id">The digest of content, the ref of an ingest, the key of a snapshot, the name of an image.</param>
/// <param name="Type"><c>content</c>, <c>ingests</c>, <c>snapshots/&lt;snapshotter&gt;</c> or <c>images</c>.</param>
public sealed record LeaseResource(string Id, string Type);
