using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Identifiers;
using Berth.Core.Labels;

namespace Berth.Storage.Metadata;

internal sealed partial class ContainerStore
{
    /// <summary>containerd's rules, checked on every write (containerd's validateContainer).</summary>
    private static void Validate(Container container)
    {
        Identifier.Validate(container.Id, "container id");
        if (container.Extensions.Keys.Any(string.IsNullOrEmpty))
        {
            throw new InvalidArgumentException($"container {container.Id}: an extension's name must not be empty");
        }

        LabelSet.Validate(container.Labels);
        if (string.IsNullOrEmpty(container.Runtime.Name))
        {
            throw new InvalidArgumentException($"container {container.Id}: the runtime name must be set, such as io.containerd.runc.v2");
        }

        if (container.Spec is null)
        {
            throw new InvalidArgumentException($"container {container.Id}: the spec must be set");
        }

        if (container.SnapshotKey.Length > 0 && container.Snapshotter.Length == 0)
        {
            throw new InvalidArgumentException(
                $"container {container.Id}: the snapshotter must be set with the snapshot key {container.SnapshotKey}");
        }
    }

    /// <summary>As containerd, a label set to the empty string is no label: it is dropped on write.</summary>
    private static Container WithoutEmptyLabels(Container container)
        => container.Labels.Values.Any(v => v.Length == 0)
            ? container with { Labels = container.Labels.Where(l => l.Value.Length > 0).ToDictionary(StringComparer.Ordinal) }
            : container;
}
