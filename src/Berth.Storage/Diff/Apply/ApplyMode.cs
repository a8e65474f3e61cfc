namespace Berth.Storage.Diff.Apply;

/// <summary>How whiteouts land in the target folder.</summary>
internal enum ApplyMode
{
    /// <summary>The target is the whole filesystem: a whiteout deletes what it names.</summary>
    Plain,

    /// <summary>
    /// The target is an overlayfs upperdir: a whiteout becomes a 0/0 character device and an opaque folder gets
    /// <c>trusted.overlay.opaque=y</c>, as the kernel itself records them.
    /// </summary>
    Overlay,
}
