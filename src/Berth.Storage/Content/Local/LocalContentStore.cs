using System.Runtime.Versioning;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Linux;
using Berth.Oci;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.Content.Local;

/// <summary>
/// The global, un-namespaced content store on local disk (containerd's <c>plugins/content/local</c>). It keeps no
/// labels: the metadata store wraps it per namespace and keeps labels, leases and its own times.
/// <para>Disk layout. Changing it requires a migration:</para>
/// <code>
/// {root}/blobs/sha256/{hex}           committed blob: immutable, mode 0444
/// {root}/blobs/sha512/{hex}           committed blob whose writer asked for a sha512 digest
/// {root}/ingest/{sha256-hex(ref)}/    one write in progress, resumable by its ref:
///     data                            the bytes so far: its length is the offset, its mtime the last update
///     ref                             the ref as the writer gave it
///     startedat                       when the ingest began, ISO 8601 in UTC
///     total                           the size the writer announced, decimal; absent when unknown
///     expected                        the digest the writer announced; absent when unknown
/// </code>
/// <para>
/// blobs/ never holds a partial file: a blob appears only by rename(2) of a fully written, fsynced data file, then
/// an fsync of its folder. An ingest outlives its writer and the process; opening its ref again resumes it.
/// </para>
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LocalContentStore : IContentStore
{
    private static readonly string[] BlobAlgorithms = ["sha256", "sha512"];

    private readonly string _blobsPath;
    private readonly string _ingestPath;

    private LocalContentStore(string root, ISyscalls syscalls, ILogger logger)
    {
        Root = root;
        Syscalls = syscalls;
        Logger = logger;
        _blobsPath = Path.Combine(root, "blobs");
        _ingestPath = Path.Combine(root, "ingest");
    }

    /// <summary>The store's folder, as an absolute path.</summary>
    public string Root { get; }

    internal ISyscalls Syscalls { get; }

    internal ILogger Logger { get; }

    /// <summary>Opens the store at <paramref name="root"/>, creating its folders as needed.</summary>
    public static ValueTask<LocalContentStore> OpenAsync(
        string root, ISyscalls syscalls, ILogger<LocalContentStore>? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(syscalls);
        cancellationToken.ThrowIfCancellationRequested();
        var store = new LocalContentStore(Path.GetFullPath(root), syscalls, logger ?? (ILogger)NullLogger.Instance);
        try
        {
            Directory.CreateDirectory(Path.Combine(store._blobsPath, "sha256"));
            Directory.CreateDirectory(store._ingestPath);
        }
        catch (IOException ex) when (DiskErrors.IsDiskFull(ex))
        {
            throw new ResourceExhaustedException($"cannot create the content store at {root}: the disk is full; free space and retry", ex);
        }

        return ValueTask.FromResult(store);
    }

    /// <summary>Where the blob of <paramref name="digest"/> lives; InvalidArgument for a digest this store cannot hold.</summary>
    internal string BlobPath(Digest digest)
    {
        if (digest.IsEmpty)
        {
            throw new InvalidArgumentException("content digest is empty: give a digest such as sha256:<64 hex digits>");
        }

        if (!BlobAlgorithms.Contains(digest.Algorithm))
        {
            throw new InvalidArgumentException(
                $"content {digest}: digest algorithm {digest.Algorithm} is not supported; use sha256 or sha512");
        }

        return Path.Combine(_blobsPath, digest.Algorithm, digest.Encoded);
    }

    internal IngestFolder IngestFolderOf(string reference) => new(Path.Combine(_ingestPath, IngestFolder.NameOf(reference)));

    private static NotFoundException ContentNotFound(Digest digest)
        => new($"content {digest}: not found in the content store; write or fetch it first");
}
