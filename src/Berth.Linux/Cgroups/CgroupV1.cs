namespace Berth.Linux.Cgroups;

/// <summary>A cgroup of the v1 hierarchies: one directory per mounted controller.</summary>
public sealed partial class CgroupV1 : Cgroup
{
    internal CgroupV1(string path, IReadOnlyDictionary<string, string> controllerDirectories)
        : base(path)
    {
        ControllerDirectories = controllerDirectories;
    }

    /// <summary>The directory of each controller (cpu and cpuacct share one when co-mounted).</summary>
    public IReadOnlyDictionary<string, string> ControllerDirectories { get; }

    /// <inheritdoc />
    public override CgroupVersion Version => CgroupVersion.V1;

    /// <inheritdoc />
    public override IReadOnlyList<string> Directories => [.. ControllerDirectories.Values.Distinct(StringComparer.Ordinal)];

    /// <inheritdoc />
    public override string? MemoryDirectory => ControllerDirectories.GetValueOrDefault("memory");

    private string? DirectoryOf(string controller) => ControllerDirectories.GetValueOrDefault(controller);
}
