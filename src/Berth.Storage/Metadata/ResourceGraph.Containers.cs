using Berth.Storage.Gc;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

internal sealed partial class ResourceGraph
{
    private readonly List<ContainerRow> _containers = [];

    private void LoadContainers(SqliteConnection connection, SqliteTransaction transaction)
        => Query(connection, transaction, "SELECT namespace, snapshotter, snapshot_key, labels FROM containers;", r =>
            _containers.Add(new ContainerRow(r.GetString(0), r.GetString(1), r.GetString(2), LabelsColumn.FromStored(r.GetString(3)))));

    /// <summary>
    /// Every container is a root (containerd's metadata/gc.go): it keeps its snapshot, named by snapshotter and key
    /// (a key that names no snapshot keeps nothing), and what its labels reference.
    /// </summary>
    private void AddContainerRoots(List<GcNode> roots)
    {
        foreach (var container in _containers)
        {
            if (container.Snapshotter.Length > 0)
            {
                roots.Add(GcNode.Snapshot(container.Namespace, container.Snapshotter, container.SnapshotKey));
            }

            AddLabelReferences(container.Namespace, container.Labels, roots);
        }
    }
}

internal sealed record ContainerRow(string Namespace, string Snapshotter, string SnapshotKey, IReadOnlyDictionary<string, string> Labels);
