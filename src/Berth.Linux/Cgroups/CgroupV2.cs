namespace Berth.Linux.Cgroups;

/// <summary>A cgroup of the v2 (unified) hierarchy: one directory.</summary>
public sealed partial class CgroupV2 : Cgroup
{
    internal CgroupV2(string path, string directory)
        : base(path)
    {
        DirectoryPath = directory;
    }

    /// <summary>The cgroup's directory, e.g. /sys/fs/cgroup/berth/default/redis.</summary>
    public string DirectoryPath { get; }

    /// <inheritdoc />
    public override CgroupVersion Version => CgroupVersion.V2;

    /// <inheritdoc />
    public override IReadOnlyList<string> Directories => [DirectoryPath];

    /// <inheritdoc />
    public override string? MemoryDirectory => File.Exists(System.IO.Path.Combine(DirectoryPath, "memory.events")) ? DirectoryPath : null;
}
