using System.Runtime.InteropServices;

namespace Berth.Oci.Manifests;

/// <summary>
/// The platform of this machine as containerd names it: Go's architecture names, and for arm CPUs the variant read from
/// <c>/proc/cpuinfo</c> ("CPU architecture"), so that an arm64 host is <c>linux/arm64/v8</c> and a Raspberry Pi 2 <c>linux/arm/v7</c>.
/// </summary>
public static class HostPlatform
{
    private static readonly Lazy<Platform> Detected = new(() => Detect(RuntimeInformation.OSArchitecture, ReadCpuInfo()));

    /// <summary>This process's platform, detected once.</summary>
    public static Platform Current => Detected.Value;

    /// <summary>The platform of a Linux host with the given CPU and <c>/proc/cpuinfo</c> text (null when unreadable).</summary>
    public static Platform Detect(Architecture architecture, string? cpuInfo)
    {
        string arch = architecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.X86 => "386",
            Architecture.Arm64 => "arm64",
            Architecture.Arm or Architecture.Armv6 => "arm",
            Architecture.S390x => "s390x",
            Architecture.Ppc64le => "ppc64le",
            Architecture.LoongArch64 => "loong64",
            Architecture.RiscV64 => "riscv64",
            _ => architecture.ToString().ToLowerInvariant(),
        };
        return new Platform("linux", arch) { Variant = arch is "arm" or "arm64" ? ArmVariant(arch, cpuInfo) : null };
    }

    // containerd reads the variant from cpuinfo, and an "armv6-compatible" model that claims architecture 7 is a v6.
    private static string? ArmVariant(string arch, string? cpuInfo)
    {
        string? declared = CpuInfoField(cpuInfo, "CPU architecture");
        if (declared is null)
        {
            return arch == "arm64" ? "v8" : "v7";
        }

        if (arch == "arm" && declared == "7"
            && CpuInfoField(cpuInfo, "model name")?.StartsWith("armv6-compatible", StringComparison.OrdinalIgnoreCase) == true)
        {
            declared = "6";
        }

        return declared.ToLowerInvariant() switch
        {
            "8" or "aarch64" => "v8",
            "7" or "7m" or "?(12)" or "?(13)" or "?(14)" or "?(15)" or "?(16)" or "?(17)" => "v7",
            "6" or "6tej" => "v6",
            "5" or "5t" or "5te" or "5tej" => "v5",
            "4" or "4t" => "v4",
            "3" => "v3",
            _ => "unknown",
        };
    }

    private static string? CpuInfoField(string? cpuInfo, string name)
    {
        foreach (string line in (cpuInfo ?? string.Empty).Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static string? ReadCpuInfo()
    {
        if (RuntimeInformation.OSArchitecture is not (Architecture.Arm or Architecture.Armv6 or Architecture.Arm64))
        {
            return null;
        }

        try
        {
            return File.ReadAllText("/proc/cpuinfo");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
