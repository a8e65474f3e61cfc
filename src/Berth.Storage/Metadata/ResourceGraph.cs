using Berth.Core.Labels;
using Berth.Storage.Gc;

namespace Berth.Storage.Metadata;

/// <summary>
/// Every record of every namespace as nodes and edges for <see cref="Tricolor"/> (containerd's metadata/gc.go).
/// Roots: images (their target), containers (their snapshot), unexpired leases (their resources), content and snapshots labelled
/// <c>containerd.io/gc.root</c>, and unleased ingests active in the last <see cref="IngestGracePeriod"/>.
/// Edges: <c>containerd.io/gc.ref.content[./…]</c> labels to content and
/// <c>containerd.io/gc.ref.snapshot.&lt;snapshotter&gt;[/…]</c> labels to snapshots (same namespace), a snapshot to
/// its parent, an ingest to the content it expects.
/// </summary>
internal sealed partial class ResourceGraph
{
    /// <summary>How long an unleased ingest survives without a write, so that an interrupted pull can resume.</summary>
    public static readonly TimeSpan IngestGracePeriod = TimeSpan.FromHours(24);

    private readonly Dictionary<GcNode, IReadOnlyDictionary<string, string>> _contentLabels = [];
    private readonly Dictionary<GcNode, SnapshotRow> _snapshots = [];
    private readonly Dictionary<GcNode, IngestRow> _ingests = [];
    private readonly List<ImageRow> _images = [];
    private readonly List<LeaseRow> _leases = [];

    public IEnumerable<GcNode> AllContent => _contentLabels.Keys;

    public IEnumerable<KeyValuePair<GcNode, SnapshotRow>> AllSnapshots => _snapshots;

    public IEnumerable<KeyValuePair<GcNode, IngestRow>> AllIngests => _ingests;

    /// <summary>
    /// The roots at <paramref name="now"/>; <paramref name="expiredLeases"/> receives the leases past their
    /// <c>containerd.io/gc.expire</c>. <paramref name="lastWrites"/> has the backend's last write time per backend ref.
    /// </summary>
    public List<GcNode> Roots(DateTimeOffset now, IReadOnlyDictionary<string, DateTimeOffset> lastWrites,
        List<LeaseRow> expiredLeases, Action<LeaseRow, string> invalidExpiry)
    {
        var roots = new List<GcNode>();
        foreach (var lease in _leases)
        {
            if (lease.Labels.TryGetValue(LabelSet.GcExpire, out var expiry))
            {
                if (!Rfc3339.TryParse(expiry, out var expiresAt))
                {
                    invalidExpiry(lease, expiry);
                }
                else if (now > expiresAt)
                {
                    expiredLeases.Add(lease);
                    continue;
                }
            }

            AddLeaseRoots(lease, roots);
        }

        foreach (var image in _images)
        {
            roots.Add(GcNode.Content(image.Namespace, image.TargetDigest));
            AddLabelReferences(image.Namespace, image.Labels, roots);
        }

        AddContainerRoots(roots);

        roots.AddRange(_contentLabels.Where(c => c.Value.ContainsKey(LabelSet.GcRoot)).Select(c => c.Key));
        roots.AddRange(_snapshots.Where(s => s.Value.Labels.ContainsKey(LabelSet.GcRoot)).Select(s => s.Key));
        foreach (var (node, ingest) in _ingests)
        {
            var lastWrite = lastWrites.TryGetValue(ingest.BackendRef, out var written) && written > ingest.Updated
                ? written
                : ingest.Updated;
            if (!ingest.Leased && now - lastWrite < IngestGracePeriod)
            {
                roots.Add(node);
            }
        }

        return roots;
    }

    /// <summary>What <paramref name="node"/> keeps alive.</summary>
    public IEnumerable<GcNode> References(GcNode node)
    {
        var references = new List<GcNode>();
        var identity = node with { Flat = false };
        switch (node.Type)
        {
            case GcResourceType.Content when !node.Flat && _contentLabels.TryGetValue(identity, out var labels):
                AddLabelReferences(node.Namespace, labels, references);
                break;
            case GcResourceType.Snapshot when _snapshots.TryGetValue(identity, out var snapshot):
                if (snapshot.Parent is not null)
                {
                    references.Add(GcNode.Snapshot(node.Namespace, snapshot.Snapshotter, snapshot.Parent, node.Flat));
                }

                if (!node.Flat)
                {
                    AddLabelReferences(node.Namespace, snapshot.Labels, references);
                }

                break;
            case GcResourceType.Ingest when _ingests.TryGetValue(identity, out var ingest) && ingest.Expected is not null:
                references.Add(GcNode.Content(node.Namespace, ingest.Expected));
                break;
        }

        return references;
    }

    private void AddLeaseRoots(LeaseRow lease, List<GcNode> roots)
    {
        roots.Add(GcNode.Lease(lease.Namespace, lease.Id));
        bool flat = lease.Labels.ContainsKey(LabelSet.GcFlat);
        foreach (var (type, id) in lease.Resources)
        {
            if (type == LeaseRows.Content)
            {
                roots.Add(GcNode.Content(lease.Namespace, id, flat));
            }
            else if (type == LeaseRows.Ingests)
            {
                roots.Add(GcNode.Ingest(lease.Namespace, id));
            }
            else if (type.StartsWith(LeaseRows.SnapshotsPrefix, StringComparison.Ordinal))
            {
                roots.Add(GcNode.Snapshot(lease.Namespace, type[LeaseRows.SnapshotsPrefix.Length..], id, flat));
            }
            else if (type == LeaseRows.Images)
            {
                roots.AddRange(_images.Where(i => i.Namespace == lease.Namespace && i.Name == id)
                    .Select(i => GcNode.Content(i.Namespace, i.TargetDigest, flat)));
            }
        }
    }

    private static void AddLabelReferences(string @namespace, IReadOnlyDictionary<string, string> labels, List<GcNode> references)
    {
        foreach (var (key, value) in labels)
        {
            if (key.StartsWith(LabelSet.GcRefContentPrefix, StringComparison.Ordinal)
                && (key.Length == LabelSet.GcRefContentPrefix.Length || key[LabelSet.GcRefContentPrefix.Length] is '.' or '/'))
            {
                references.Add(GcNode.Content(@namespace, value));
            }
            else if (key.StartsWith(LabelSet.GcRefSnapshotPrefix, StringComparison.Ordinal))
            {
                string snapshotter = key[LabelSet.GcRefSnapshotPrefix.Length..];
                int slash = snapshotter.IndexOf('/', StringComparison.Ordinal);
                references.Add(GcNode.Snapshot(@namespace, slash >= 0 ? snapshotter[..slash] : snapshotter, value));
            }
        }
    }
}
