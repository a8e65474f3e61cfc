namespace Berth.Linux.Cgroups;

/// <summary>A cgroup of the v1 hierarchies: one directory per mounted controller.</summary>
public sealed partial class CgroupV1 : Cgroup
{
    internal CgroupV1(string path, IReadOnlyDictionary<string, string> controllerDirectories, string? unifiedDirectory = null)
        : base(path)
    {
        ControllerDirectories = controllerDirectories;
        UnifiedDirectory = unifiedDirectory;
    }

    /// <summary>The directory of each controller (cpu and cpuacct share one when co-mounted).</summary>
    public IReadOnlyDictionary<string, string> ControllerDirectories { get; }

    /// <summary>On a hybrid host, the cgroup's directory in the v2 hierarchy, which runc and crun make too (process tracking
    /// only: it has no controllers); null on legacy hosts.</summary>
    public string? UnifiedDirectory { get; }

    /// <inheritdoc />
    public override CgroupVersion Version => CgroupVersion.V1;

    /// <inheritdoc />
    public override IReadOnlyList<string> Directories =>
        [.. ControllerDirectories.Values.Append(UnifiedDirectory).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <inheritdoc />
    public override string? MemoryDirectory => ControllerDirectories.GetValueOrDefault("memory");

    private string? DirectoryOf(string controller) => ControllerDirectories.GetValueOrDefault(controller);
}
