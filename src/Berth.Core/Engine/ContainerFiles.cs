using Berth.Core.Metadata;

namespace Berth.Core.Engine;

/// <summary>
/// A container's files as tar streams (docker's archive API, which <c>docker cp</c> and <c>docker export</c> use), for
/// created, running and stopped containers alike. Paths are absolute inside the container (a relative one is taken from
/// its root) and resolved within its root: a symlink never leads outside it. A running container is seen with its
/// volumes and bind mounts; a stopped one has them mounted for the call. Errors are in dockerd's words: NotFound
/// <c>Could not find the file /x in container c</c> or <c>No such container: c</c>.
/// </summary>
/// <remarks>
/// <c>docker cp</c>'s rules (a trailing <c>/</c> or <c>/.</c>, a destination that exists or not) are the client's, as
/// in docker: it stats first, then reads the archive of a path or sends one to a folder.
/// </remarks>
public interface IContainerFiles
{
    /// <summary>What is at <paramref name="path"/>; a final symlink is not followed (its target is given, resolved).</summary>
    ValueTask<ContainerPathStat> StatPathAsync(INamespaceScope scope, string container, string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a tar of what is at <paramref name="path"/> to <paramref name="destination"/>: its entries are named after
    /// the path's last part (<c>/etc</c> gives <c>etc/</c>, <c>etc/hosts</c>…; <c>/etc/.</c> gives <c>./</c>, <c>./hosts</c>…),
    /// with owners, modes, times, symlinks and hard links as they are.
    /// </summary>
    ValueTask CopyFromAsync(INamespaceScope scope, string container, string path, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Unpacks the tar read from <paramref name="source"/> into the folder <paramref name="request"/> names, which must exist
    /// (InvalidArgument <c>extraction point is not a directory</c> otherwise). Entries keep their owners and modes, unless
    /// <see cref="ContainerCopyTo.CopyOwnerFromUser"/> gives them the container's user.
    /// </summary>
    ValueTask CopyToAsync(INamespaceScope scope, string container, ContainerCopyTo request, Stream source, CancellationToken cancellationToken = default);

    /// <summary>Writes a tar of the container's root filesystem (without its volumes and mounts) to <paramref name="destination"/>.</summary>
    ValueTask ExportAsync(INamespaceScope scope, string container, Stream destination, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IContainerFiles.StatPathAsync"/> answers.</summary>
/// <param name="Name">The path's last part.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Mode">Its st_mode: the file type bits (S_IFMT) and the permission bits with setuid, setgid and sticky.</param>
/// <param name="ModifiedAt">Its modification time.</param>
/// <param name="LinkTarget">For a symlink, where it leads, resolved within the container's root (absolute); else empty.</param>
public sealed record ContainerPathStat(string Name, long Size, int Mode, DateTimeOffset ModifiedAt, string LinkTarget)
{
    /// <summary>S_IFMT, the file type bits of <see cref="Mode"/>.</summary>
    public const int TypeMask = 0xF000;

    /// <summary>Whether it is a folder.</summary>
    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    /// <summary>Whether it is a regular file.</summary>
    public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

    /// <summary>Whether it is a symlink.</summary>
    public bool IsSymlink => (Mode & TypeMask) == 0xA000;
}

/// <summary>Where and how <see cref="IContainerFiles.CopyToAsync"/> unpacks.</summary>
/// <param name="Path">The folder in the container the entries are unpacked into.</param>
public sealed record ContainerCopyTo(string Path)
{
    /// <summary>
    /// <c>docker cp -a</c>: when the container runs as a user (<c>-u</c>), everything unpacked belongs to that user and its
    /// group (as the container's /etc/passwd and /etc/group say); without a user, the entries' owners are kept.
    /// </summary>
    public bool CopyOwnerFromUser { get; init; }

    /// <summary>
    /// Whether an entry may replace a folder by a file or a file by a folder; docker's client never allows it (the
    /// unpacking fails with <c>cannot overwrite …</c>).
    /// </summary>
    public bool AllowOverwriteDirWithFile { get; init; }
}
