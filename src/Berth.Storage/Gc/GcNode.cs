namespace Berth.Storage.Gc;

/// <summary>The kinds of resource the collector marks and sweeps.</summary>
internal enum GcResourceType
{
    /// <summary>A committed blob, keyed by digest.</summary>
    Content,
    /// <summary>A snapshot, keyed by <c>&lt;snapshotter&gt;/&lt;key&gt;</c>.</summary>
    Snapshot,
    /// <summary>An ingest, keyed by the namespace's ref.</summary>
    Ingest,
    /// <summary>A lease, keyed by its id.</summary>
    Lease,
}

/// <summary>
/// One vertex of the resource graph. <paramref name="Flat"/> nodes come from leases labelled
/// <c>containerd.io/gc.flat</c>: they keep the resource itself (and a snapshot's parents) but not what its labels
/// reference. Marking strips the flag, so a flat and a full visit keep the same resource.
/// </summary>
internal readonly record struct GcNode(GcResourceType Type, string Namespace, string Key, bool Flat = false)
{
    public static GcNode Content(string ns, string digest, bool flat = false) => new(GcResourceType.Content, ns, digest, flat);

    public static GcNode Snapshot(string ns, string snapshotter, string key, bool flat = false)
        => new(GcResourceType.Snapshot, ns, $"{snapshotter}/{key}", flat);

    public static GcNode Ingest(string ns, string reference) => new(GcResourceType.Ingest, ns, reference);

    public static GcNode Lease(string ns, string id) => new(GcResourceType.Lease, ns, id);

    public override string ToString() => $"{Type}:{Namespace}/{Key}{(Flat ? " (flat)" : string.Empty)}";
}
