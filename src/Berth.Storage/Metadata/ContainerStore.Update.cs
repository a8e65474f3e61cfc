using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Labels;

namespace Berth.Storage.Metadata;

internal sealed partial class ContainerStore
{
    /// <summary>What an update without field paths replaces, as containerd.</summary>
    private static readonly string[] FullReplacePaths = ["labels", "spec", "extensions", "image", "snapshotkey"];

    public ValueTask<Container> UpdateAsync(Container container, IReadOnlyList<string>? fieldPaths = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(container.Id))
        {
            throw new InvalidArgumentException("a container update needs the container's id");
        }

        var updated = store.Database.Write((c, t) =>
        {
            var current = ContainerRows.Find(c, t, @namespace, container.Id) ?? throw NotFound(container.Id);
            var next = WithoutEmptyLabels(Apply(current, container, fieldPaths)) with { UpdatedAt = store.Now() };
            Validate(next);
            ContainerRows.Write(c, t, @namespace, next);
            return next;
        });

        // A new snapshot key may leave the old snapshot unreferenced: like containerd, leave it to the next collection.
        return ValueTask.FromResult(updated);
    }

    private static Container Apply(Container current, Container update, IReadOnlyList<string>? fieldPaths)
    {
        if (fieldPaths is null || fieldPaths.Count == 0)
        {
            // The fields that never change must be sent unchanged, so that they can become changeable later.
            if (update.Snapshotter != current.Snapshotter)
            {
                throw Immutable(current, "snapshotter", current.Snapshotter);
            }

            if (update.Runtime.Name != current.Runtime.Name)
            {
                throw Immutable(current, "runtime name", current.Runtime.Name);
            }

            fieldPaths = FullReplacePaths;
        }

        var (labels, others) = LabelSet.ApplyUpdate(current.Labels, update.Labels, fieldPaths);
        var next = current with { Labels = labels };
        Dictionary<string, PackedMessage>? extensions = null;
        foreach (string path in others)
        {
            switch (path)
            {
                case "spec":
                    next = next with { Spec = update.Spec };
                    break;
                case "image":
                    next = next with { Image = update.Image };
                    break;
                case "snapshotkey":
                    next = next with { SnapshotKey = update.SnapshotKey };
                    break;
                case "extensions":
                    extensions = new Dictionary<string, PackedMessage>(update.Extensions, StringComparer.Ordinal);
                    break;
                case var named when named.StartsWith("extensions.", StringComparison.Ordinal):
                    extensions ??= new Dictionary<string, PackedMessage>(next.Extensions, StringComparer.Ordinal);
                    SetOrRemove(extensions, named["extensions.".Length..], update.Extensions);
                    break;
                default:
                    throw new InvalidArgumentException(
                        $"cannot update {path} of container {current.Id}: use labels, labels.<key>, image, spec, snapshotkey, "
                        + "extensions or extensions.<name> (the runtime and the snapshotter never change)");
            }
        }

        return extensions is null ? next : next with { Extensions = extensions };
    }

    private static void SetOrRemove(Dictionary<string, PackedMessage> extensions, string name,
        IReadOnlyDictionary<string, PackedMessage> update)
    {
        if (update.TryGetValue(name, out var value))
        {
            extensions[name] = value;
        }
        else
        {
            extensions.Remove(name);
        }
    }

    private static InvalidArgumentException Immutable(Container current, string field, string value)
        => new($"the {field} of container {current.Id} cannot change: send it unchanged (\"{value}\"), or update named fields only");
}
