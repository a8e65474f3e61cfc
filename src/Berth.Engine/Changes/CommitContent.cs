using System.Text;
using System.Text.Json;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Labels;
using Berth.Oci;

namespace Berth.Engine.Changes;

/// <summary>The small writes of a commit: its config and manifest blobs with the labels the collector follows, and the image record.</summary>
internal static class CommitContent
{
    /// <summary>Commits a document; one the store has already only gets the labels.</summary>
    public static async ValueTask<Descriptor> WriteAsync(IContentStore content, string mediaType, byte[] bytes, IReadOnlyDictionary<string, string> labels,
        CancellationToken cancellationToken)
    {
        var digest = Digest.Sha256(bytes);
        try
        {
            var writer = await content.OpenWriterAsync(new ContentWriterOptions($"commit-{digest.Encoded}") { ExpectedDigest = digest, ExpectedSize = bytes.Length },
                cancellationToken);
            await using (writer)
            {
                await writer.TruncateAsync(0, cancellationToken);
                await writer.WriteAsync(bytes, cancellationToken);
                await writer.CommitAsync(bytes.Length, digest, labels, cancellationToken);
            }
        }
        catch (AlreadyExistsException)
        {
            await content.UpdateAsync(new ContentInfo(digest, 0, default, default) { Labels = labels }, [.. labels.Keys.Select(k => "labels." + k)],
                cancellationToken);
        }

        return new Descriptor(mediaType, digest, bytes.Length);
    }

    /// <summary>containerd's child labels on a manifest: its config and each layer, so the collector keeps them with it.</summary>
    public static Dictionary<string, string> Children(Descriptor config, IReadOnlyList<Descriptor> layers)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { [LabelSet.GcRefContentPrefix + ".config"] = config.Digest.ToString() };
        for (int i = 0; i < layers.Count; i++)
        {
            labels[$"{LabelSet.GcRefContentPrefix}.l.{i}"] = layers[i].Digest.ToString();
        }

        return labels;
    }

    /// <summary>
    /// Adds docker's top-level <c>comment</c> (commit -m) to a serialized config: the OCI config type has no such member,
    /// and docker's image inspect reads it from there.
    /// </summary>
    public static byte[] WithComment(byte[] config, string? comment)
    {
        if (string.IsNullOrEmpty(comment) || config.Length < 2 || config[0] != (byte)'{')
        {
            return config;
        }

        string separator = config[1] == (byte)'}' ? string.Empty : ",";
        byte[] member = Encoding.UTF8.GetBytes($"\"comment\":\"{JsonEncodedText.Encode(comment).Value}\"{separator}");
        return [(byte)'{', .. member, .. config.AsSpan(1)];
    }
}
