using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Remotes.Archive;

/// <summary>The small writes an import makes to the content store: documents it makes, and labels.</summary>
internal static class StoreWrites
{
    /// <summary>Commits a small blob (a manifest or config made here); a blob the store has already is left as it is.</summary>
    public static async Task<Descriptor> WriteAsync(IContentStore content, string mediaType, byte[] bytes, CancellationToken cancellationToken)
    {
        var digest = Digest.Sha256(bytes);
        try
        {
            var writer = await content.OpenWriterAsync(new ContentWriterOptions($"import-{digest.Encoded}") { ExpectedDigest = digest, ExpectedSize = bytes.Length },
                cancellationToken);
            await using (writer)
            {
                await writer.TruncateAsync(0, cancellationToken);
                await writer.WriteAsync(bytes, cancellationToken);
                await writer.CommitAsync(bytes.Length, digest, null, cancellationToken);
            }
        }
        catch (AlreadyExistsException)
        {
        }

        return new Descriptor(mediaType, digest, bytes.Length);
    }

    /// <summary>Sets the given labels only, leaving the others (containerd updates with "labels.&lt;key&gt;" field paths).</summary>
    public static async Task LabelAsync(IContentStore content, Digest digest, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        if (labels.Count > 0)
        {
            await content.UpdateAsync(new ContentInfo(digest, 0, default, default) { Labels = labels }, [.. labels.Keys.Select(k => "labels." + k)],
                cancellationToken);
        }
    }
}
