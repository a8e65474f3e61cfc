using Berth.Oci.Runtime;

namespace Berth.Runtime.Spec;

/// <summary>
/// The spec docker starts every Linux container from (moby's default spec and what dockerd adds to it): the default
/// capabilities, the /proc, /dev, /sys and cgroup mounts, masked and read-only paths, the five namespaces and the device
/// cgroup rules. Each call makes new objects, so callers may change them.
/// </summary>
public static class DockerDefaults
{
    /// <summary>The size of /dev/shm unless <c>--shm-size</c> says otherwise: 64 MiB.</summary>
    public const long ShmSize = 64L * 1024 * 1024;

    /// <summary>The search path given to processes whose image sets none.</summary>
    public const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Paths hidden from the container: kernel data that leaks host details or is unsafe to read.</summary>
    public static IReadOnlyList<string> MaskedPaths { get; } =
    [
        "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    /// <summary>Paths made read-only: kernel settings that are not namespaced.</summary>
    public static IReadOnlyList<string> ReadonlyPaths { get; } = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <summary>The mounts every container gets, /dev/shm sized <paramref name="shmSize"/> bytes.</summary>
    public static List<MountSpec> Mounts(long shmSize = ShmSize) =>
    [
        Mount("/proc", "proc", "proc", "rw", "nosuid", "noexec", "nodev"),
        Mount("/dev", "tmpfs", "tmpfs", "rw", "nosuid", "strictatime", "mode=755", "size=65536k"),
        Mount("/dev/pts", "devpts", "devpts", "rw", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"),
        Mount("/sys", "sysfs", "sysfs", "ro", "nosuid", "noexec", "nodev"),
        Mount("/sys/fs/cgroup", "cgroup", "cgroup", "ro", "nosuid", "noexec", "nodev"),
        Mount("/dev/mqueue", "mqueue", "mqueue", "rw", "nosuid", "noexec", "nodev"),
        Mount("/dev/shm", "tmpfs", "shm", "rw", "nosuid", "noexec", "nodev", "mode=1777", $"size={shmSize}"),
    ];

    /// <summary>The namespaces a container gets: new pid, ipc, uts, mount and network namespaces.</summary>
    public static List<LinuxNamespace> Namespaces() =>
    [
        new() { Type = NamespaceTypes.Pid }, new() { Type = NamespaceTypes.Ipc }, new() { Type = NamespaceTypes.Uts },
        new() { Type = NamespaceTypes.Mount }, new() { Type = NamespaceTypes.Network },
    ];

    /// <summary>
    /// The device cgroup rules: deny everything, then allow the default nodes (null, zero, full, random, urandom, tty,
    /// console, ptmx, the pts devices, tun) and mknod of any node, and keep fuse out. runc adds the same allowances on its
    /// own; listing them makes crun behave alike.
    /// </summary>
    public static List<LinuxDeviceCgroup> DeviceRules() =>
    [
        new() { Allow = false, Access = "rwm" },
        Char(1, 5), Char(1, 3), Char(1, 9), Char(1, 8), Char(5, 0), Char(5, 1),
        new() { Allow = false, Type = "c", Major = 10, Minor = 229, Access = "rwm" },
        new() { Allow = true, Type = "c", Access = "m" },
        new() { Allow = true, Type = "b", Access = "m" },
        Char(1, 7), Char(136, null), Char(5, 2), Char(10, 200),
    ];

    /// <summary>A new spec with docker's defaults for container <paramref name="id"/> of namespace <paramref name="ns"/>.</summary>
    public static RuntimeSpec Create(string ns, string id) => new()
    {
        Process = new ProcessSpec
        {
            Cwd = "/",
            Env = ["PATH=" + Path],
            Capabilities = new LinuxCapabilities
            {
                Bounding = [.. Capabilities.Default], Effective = [.. Capabilities.Default], Permitted = [.. Capabilities.Default],
            },
        },
        Root = new RootSpec { Path = "rootfs" },
        Mounts = Mounts(),
        Linux = new LinuxSpec
        {
            // containerd's default for the cgroupfs driver: one cgroup per namespace and container.
            CgroupsPath = $"/{ns}/{id}",
            Namespaces = Namespaces(),
            Resources = new LinuxResources { Devices = DeviceRules() },
            MaskedPaths = [.. MaskedPaths],
            ReadonlyPaths = [.. ReadonlyPaths],
        },
    };

    private static MountSpec Mount(string destination, string type, string source, params string[] options) =>
        new() { Destination = destination, Type = type, Source = source, Options = [.. options] };

    private static LinuxDeviceCgroup Char(long major, long? minor) =>
        new() { Allow = true, Type = "c", Major = major, Minor = minor, Access = "rwm" };
}
