using System.Globalization;
using System.Runtime.InteropServices;

namespace Berth.Runtime.Spec;

/// <summary>
/// What the spec builder needs to know of the machine: the hard limits of this process (a container may not be given
/// more: without CAP_SYS_RESOURCE runc cannot raise them and refuses to start), the capabilities this process holds
/// (all a privileged container can get), the CPU architecture and the kernel version (for the seccomp profile).
/// </summary>
/// <param name="Rlimits">The soft and hard limits by name (<c>RLIMIT_NOFILE</c>…); <see cref="Rlimits.Unlimited"/> is RLIM_INFINITY.</param>
/// <param name="Capabilities">The capabilities of this process's bounding set, as <c>CAP_*</c> names.</param>
/// <param name="Architecture">The architecture in Go's names: <c>amd64</c>, <c>arm64</c>.</param>
/// <param name="Kernel">The kernel's major and minor version.</param>
public sealed record SpecHost(
    IReadOnlyDictionary<string, RlimitValue> Rlimits, IReadOnlyList<string> Capabilities, string Architecture, Version Kernel)
{
    /// <summary>The facts of this machine and process, read once.</summary>
    public static SpecHost Current { get; } = Read();

    private static SpecHost Read()
    {
        var limits = HostFiles.ReadLimits(File.ReadAllLines("/proc/self/limits"));
        var capabilities = HostFiles.ReadBoundingSet(File.ReadAllLines("/proc/self/status"));
        string architecture = RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "amd64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            System.Runtime.InteropServices.Architecture.X86 => "386",
            System.Runtime.InteropServices.Architecture.Arm => "arm",
            System.Runtime.InteropServices.Architecture.S390x => "s390x",
            System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
            System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
            var other => other.ToString().ToLowerInvariant(),
        };
        return new SpecHost(limits, capabilities, architecture, HostFiles.ParseKernelVersion(File.ReadAllText("/proc/sys/kernel/osrelease")));
    }
}

/// <summary>A soft and a hard limit; <see cref="Rlimits.Unlimited"/> stands for RLIM_INFINITY.</summary>
public readonly record struct RlimitValue(ulong Soft, ulong Hard);

/// <summary>Parsers of the /proc files <see cref="SpecHost"/> reads.</summary>
internal static class HostFiles
{
    // The rows of /proc/self/limits, by the name setrlimit(2) gives them.
    private static readonly (string Row, string Name)[] LimitRows =
    [
        ("Max cpu time", "RLIMIT_CPU"), ("Max file size", "RLIMIT_FSIZE"), ("Max data size", "RLIMIT_DATA"),
        ("Max stack size", "RLIMIT_STACK"), ("Max core file size", "RLIMIT_CORE"), ("Max resident set", "RLIMIT_RSS"),
        ("Max processes", "RLIMIT_NPROC"), ("Max open files", "RLIMIT_NOFILE"), ("Max locked memory", "RLIMIT_MEMLOCK"),
        ("Max address space", "RLIMIT_AS"), ("Max file locks", "RLIMIT_LOCKS"), ("Max pending signals", "RLIMIT_SIGPENDING"),
        ("Max msgqueue size", "RLIMIT_MSGQUEUE"), ("Max nice priority", "RLIMIT_NICE"),
        ("Max realtime priority", "RLIMIT_RTPRIO"), ("Max realtime timeout", "RLIMIT_RTTIME"),
    ];

    public static Dictionary<string, RlimitValue> ReadLimits(IEnumerable<string> lines)
    {
        var limits = new Dictionary<string, RlimitValue>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            foreach (var (row, name) in LimitRows)
            {
                if (!line.StartsWith(row, StringComparison.Ordinal))
                {
                    continue;
                }

                string[] fields = line[row.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 2)
                {
                    limits[name] = new RlimitValue(ParseLimit(fields[0]), ParseLimit(fields[1]));
                }
            }
        }

        return limits;
    }

    public static IReadOnlyList<string> ReadBoundingSet(IEnumerable<string> statusLines)
    {
        string? line = statusLines.FirstOrDefault(l => l.StartsWith("CapBnd:", StringComparison.Ordinal));
        if (line is null)
        {
            return Capabilities.Default;
        }

        ulong mask = ulong.Parse(line["CapBnd:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return [.. Capabilities.All.Where((_, bit) => (mask & (1UL << bit)) != 0)];
    }

    public static Version ParseKernelVersion(string release)
    {
        string[] parts = release.Trim().Split('.', '-', '+');
        int major = parts.Length > 0 && int.TryParse(parts[0], out int a) ? a : 0;
        int minor = parts.Length > 1 && int.TryParse(parts[1], out int b) ? b : 0;
        return new Version(major, minor);
    }

    private static ulong ParseLimit(string text) =>
        text == "unlimited" ? Rlimits.Unlimited : ulong.Parse(text, CultureInfo.InvariantCulture);
}
