using System.Globalization;
using System.Runtime.CompilerServices;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Filters;
using Berth.Core.Labels;
using Berth.Oci;
using Microsoft.Win32.SafeHandles;

namespace Berth.Storage.Content.Local;

internal sealed partial class LocalContentStore
{
    /// <inheritdoc />
    public ValueTask<IContentReader> OpenReadAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        string path = BlobPath(digest);
        cancellationToken.ThrowIfCancellationRequested();
        SafeFileHandle handle;
        try
        {
            // FileShare.Delete: a reader must not stop garbage collection from deleting the blob.
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw ContentNotFound(digest);
        }

        return ValueTask.FromResult<IContentReader>(new LocalContentReader(handle, digest));
    }

    /// <inheritdoc />
    public ValueTask<ContentInfo> InfoAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = new FileInfo(BlobPath(digest));
        return file.Exists ? ValueTask.FromResult(InfoOf(digest, file)) : throw ContentNotFound(digest);
    }

    /// <inheritdoc />
    public async ValueTask<ContentInfo> UpdateAsync(
        ContentInfo info, IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(info);
        var current = await InfoAsync(info.Digest, cancellationToken).ConfigureAwait(false);
        var (labels, otherPaths) = LabelSet.ApplyUpdate(current.Labels, info.Labels, fieldPaths);
        if (otherPaths.Count > 0)
        {
            throw new InvalidArgumentException(
                $"cannot update \"{otherPaths[0]}\" field on content info {info.Digest}: only labels can change");
        }

        // Nothing to store is not an error: a caller may clear labels that were never there.
        return labels.Count == 0
            ? current
            : throw new UnimplementedException(
                $"content {info.Digest}: the local content store has no labels; labels are kept by the metadata store");
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ContentInfo> WalkAsync(
        IReadOnlyList<string>? filters = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = Filter.Parse(filters);
        foreach (string algorithm in BlobAlgorithms)
        {
            string folder = Path.Combine(_blobsPath, algorithm);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Skip what is not a blob rather than fail the walk; nothing but blobs is ever renamed into here.
                if (!Digest.TryParse($"{algorithm}:{file.Name}", out var digest))
                {
                    continue;
                }

                file.Refresh();
                if (!file.Exists)
                {
                    continue;
                }

                var info = InfoOf(digest, file);
                if (filter.Match(path => Field(info, path)))
                {
                    yield return info;
                }
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        string path = BlobPath(digest);
        cancellationToken.ThrowIfCancellationRequested();
        if (!File.Exists(path))
        {
            throw ContentNotFound(digest);
        }

        File.Delete(path);
        return ValueTask.CompletedTask;
    }

    // Blobs are immutable, so the file's mtime (set to the commit time) serves as both times.
    private static ContentInfo InfoOf(Digest digest, FileInfo file)
    {
        var modified = new DateTimeOffset(file.LastWriteTimeUtc);
        return new ContentInfo(digest, file.Length, modified, modified);
    }

    private static string? Field(ContentInfo info, IReadOnlyList<string> path) => path switch
    {
        ["digest"] => info.Digest.ToString(),
        ["size"] => info.Size.ToString(CultureInfo.InvariantCulture),
        ["labels", var key] => info.Labels.GetValueOrDefault(key),
        _ => null,
    };
}
