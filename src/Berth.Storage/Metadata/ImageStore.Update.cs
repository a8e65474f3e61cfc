using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Labels;

namespace Berth.Storage.Metadata;

internal sealed partial class ImageStore
{
    /// <summary>
    /// containerd's field paths: <c>labels</c>, <c>labels.&lt;key&gt;</c>, <c>target</c>, <c>annotations</c>,
    /// <c>annotations.&lt;key&gt;</c> (the target's); none replaces labels and target.
    /// </summary>
    public ValueTask<Image> UpdateAsync(Image image, IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(image.Name))
        {
            throw new InvalidArgumentException("an image update needs the image's name");
        }

        var updated = store.Database.Write((c, t) =>
        {
            var current = Find(c, t, image.Name) ?? throw NotFound(image.Name);
            var next = Apply(current, image, fieldPaths) with { CreatedAt = current.CreatedAt, UpdatedAt = store.Now() };
            Validate(next);
            Upsert(c, t, next);
            return next;
        });

        // A new target may leave the old one unreferenced: like containerd, leave it to the next delete or prune.
        return ValueTask.FromResult(updated);
    }

    private static Image Apply(Image current, Image update, IReadOnlyList<string>? fieldPaths)
    {
        if (fieldPaths is null || fieldPaths.Count == 0)
        {
            return update;
        }

        var (labels, others) = LabelSet.ApplyUpdate(current.Labels, update.Labels, fieldPaths);
        var target = current.Target;
        var annotations = new Dictionary<string, string>(target.Annotations, StringComparer.Ordinal);
        bool annotationsChanged = false;
        foreach (string path in others)
        {
            if (path == "target")
            {
                target = update.Target;
                annotations = new Dictionary<string, string>(target.Annotations, StringComparer.Ordinal);
            }
            else if (path == "annotations")
            {
                annotations = new Dictionary<string, string>(update.Target.Annotations, StringComparer.Ordinal);
                annotationsChanged = true;
            }
            else if (path.StartsWith("annotations.", StringComparison.Ordinal))
            {
                string key = path["annotations.".Length..];
                if (update.Target.Annotations.TryGetValue(key, out var value))
                {
                    annotations[key] = value;
                }
                else
                {
                    annotations.Remove(key);
                }

                annotationsChanged = true;
            }
            else
            {
                throw new InvalidArgumentException(
                    $"cannot update {path} of image {current.Name}: use labels, labels.<key>, target, annotations or annotations.<key>");
            }
        }

        if (annotationsChanged)
        {
            target = target with { Annotations = annotations };
        }

        return current with { Labels = labels, Target = target };
    }
}
