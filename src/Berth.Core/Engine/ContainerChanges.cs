using Berth.Core.Metadata;

namespace Berth.Core.Engine;

/// <summary>
/// What a container changed in its root filesystem, and images made of it (<c>docker diff</c>, <c>docker commit</c>).
/// Containers are named as <see cref="IContainerEngine"/> names them; errors are dockerd's words
/// (NotFound <c>No such container: x</c>).
/// </summary>
public interface IContainerChanges
{
    /// <summary>
    /// The paths the container added, changed or deleted against its image, parents before children and siblings by
    /// name; a changed path's folders are reported as changed. Mount points the runtime made are left out.
    /// </summary>
    ValueTask<IReadOnlyList<FileChange>> DiffAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes an image of the container: its image's layers plus one layer of its changes, with its config (the changes
    /// of <see cref="ContainerCommit.Changes"/> applied). The image is named only when every part of it is stored; a
    /// failed commit leaves nothing behind. Returns the image's id (its config digest, <c>sha256:…</c>).
    /// </summary>
    ValueTask<string> CommitAsync(INamespaceScope scope, ContainerCommit request, CancellationToken cancellationToken = default);
}

/// <summary>How a path differs from the image, as <c>docker diff</c> prints it.</summary>
public enum FileChangeKind
{
    /// <summary><c>C</c>: there before, different now (a folder: something in it changed).</summary>
    Changed,

    /// <summary><c>A</c>: not in the image.</summary>
    Added,

    /// <summary><c>D</c>: in the image, gone now.</summary>
    Deleted,
}

/// <summary>One line of <c>docker diff</c>.</summary>
/// <param name="Kind">What happened to the path.</param>
/// <param name="Path">The absolute path inside the container, such as <c>/etc/hosts</c>.</param>
public sealed record FileChange(FileChangeKind Kind, string Path);

/// <summary>The Dockerfile instructions <c>docker commit --change</c> accepts.</summary>
public enum ConfigInstruction
{
    /// <summary>CMD: the default command (exec form; a shell form arrives wrapped in <c>/bin/sh -c</c>).</summary>
    Cmd,

    /// <summary>ENTRYPOINT: the program (exec form, as CMD).</summary>
    Entrypoint,

    /// <summary>ENV: <c>NAME=value</c> each, replacing a variable of that name.</summary>
    Env,

    /// <summary>EXPOSE: ports with their protocol, <c>80/tcp</c>.</summary>
    Expose,

    /// <summary>LABEL: <c>key=value</c> each.</summary>
    Label,

    /// <summary>USER: one value.</summary>
    User,

    /// <summary>VOLUME: folders.</summary>
    Volume,

    /// <summary>WORKDIR: one value.</summary>
    Workdir,

    /// <summary>STOPSIGNAL: one value.</summary>
    StopSignal,
}

/// <summary>One <c>--change</c>, parsed: the instruction and its values in the form <see cref="ConfigInstruction"/> describes.</summary>
public sealed record ConfigChange(ConfigInstruction Instruction, IReadOnlyList<string> Values);

/// <summary>What <c>docker commit</c> asks for.</summary>
/// <param name="Container">The container's id, id prefix or name.</param>
public sealed record ContainerCommit(string Container)
{
    /// <summary>The new image's full reference (<c>docker.io/library/app:latest</c>); null for an image without a name.</summary>
    public string? Reference { get; init; }

    /// <summary><c>-m</c>: the commit message, kept as the config's comment and in its history.</summary>
    public string? Message { get; init; }

    /// <summary><c>-a</c>: the author.</summary>
    public string? Author { get; init; }

    /// <summary><c>-c</c>: applied in order to the container's config.</summary>
    public IReadOnlyList<ConfigChange> Changes { get; init; } = [];

    /// <summary><c>-p</c>: freeze a running container while its changes are read (docker's default).</summary>
    public bool Pause { get; init; } = true;
}
