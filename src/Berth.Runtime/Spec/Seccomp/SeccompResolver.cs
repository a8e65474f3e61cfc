using Berth.Core.Errors;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Spec.Seccomp;

/// <summary>
/// Turns a docker-format profile into the OCI filter for one container, as dockerd does: the native architecture's
/// entry of the architecture map, and only the rules whose conditions hold for the host and the container's bounding
/// capabilities.
/// </summary>
public static class SeccompResolver
{
    // Go's architecture names to libseccomp's (the names rules' "arches" use) and to the filter's.
    private static readonly Dictionary<string, (string Native, string Scmp)> Architectures = new(StringComparer.Ordinal)
    {
        ["amd64"] = ("amd64", "SCMP_ARCH_X86_64"), ["386"] = ("x86", "SCMP_ARCH_X86"), ["arm64"] = ("arm64", "SCMP_ARCH_AARCH64"),
        ["arm"] = ("arm", "SCMP_ARCH_ARM"), ["s390x"] = ("s390x", "SCMP_ARCH_S390X"), ["ppc64le"] = ("ppc64le", "SCMP_ARCH_PPC64LE"),
        ["riscv64"] = ("riscv64", "SCMP_ARCH_RISCV64"), ["mips64"] = ("mips64", "SCMP_ARCH_MIPS64"),
        ["mips64le"] = ("mipsel64", "SCMP_ARCH_MIPSEL64"),
    };

    /// <summary>The filter for a container with the given bounding set; null when the profile disables seccomp.</summary>
    public static LinuxSeccomp? Resolve(SeccompProfile profile, IReadOnlyCollection<string> boundingCapabilities, SpecHost host)
    {
        if (string.IsNullOrEmpty(profile.DefaultAction) && (profile.Syscalls is null || profile.Syscalls.Count == 0))
        {
            return null;
        }

        if (profile.Architectures is { Count: > 0 } && profile.ArchMap is { Count: > 0 })
        {
            throw new InvalidArgumentException("the seccomp profile has both 'architectures' and 'archMap'; keep one of them");
        }

        var (native, scmp) = Architectures.TryGetValue(host.Architecture, out var names) ? names : (host.Architecture, string.Empty);
        var filter = new LinuxSeccomp
        {
            DefaultAction = profile.DefaultAction,
            DefaultErrnoRet = profile.DefaultErrnoRet,
            Flags = profile.Flags is { Count: > 0 } ? [.. profile.Flags] : null,
            ListenerPath = profile.ListenerPath,
            ListenerMetadata = profile.ListenerMetadata,
            Syscalls = [],
        };
        if (profile.Architectures is { Count: > 0 })
        {
            filter.Architectures = [.. profile.Architectures];
        }
        else if (profile.ArchMap?.FirstOrDefault(a => a.Architecture == scmp) is { } entry)
        {
            filter.Architectures = [entry.Architecture, .. entry.SubArchitectures ?? []];
        }

        foreach (var rule in profile.Syscalls ?? [])
        {
            if (!Applies(rule, native, boundingCapabilities, host.Kernel))
            {
                continue;
            }

            if (!string.IsNullOrEmpty(rule.Name) && rule.Names is { Count: > 0 })
            {
                throw new InvalidArgumentException($"a rule of the seccomp profile has both 'name' ({rule.Name}) and 'names'; keep one of them");
            }

            filter.Syscalls.Add(new LinuxSyscall
            {
                Names = string.IsNullOrEmpty(rule.Name) ? [.. rule.Names ?? []] : [rule.Name],
                Action = rule.Action,
                ErrnoRet = rule.ErrnoRet,
                Args = rule.Args is { Count: > 0 } ? [.. rule.Args.Select(Copy)] : null,
            });
        }

        return filter;
    }

    private static bool Applies(SeccompRule rule, string arch, IReadOnlyCollection<string> caps, Version kernel)
    {
        if (rule.Excludes is { } excludes
            && (excludes.Arches?.Contains(arch) == true
                || excludes.Caps?.Any(caps.Contains) == true
                || (excludes.MinKernel is { } below && kernel >= ParseKernel(below))))
        {
            return false;
        }

        return rule.Includes is not { } includes
            || ((includes.Arches is not { Count: > 0 } || includes.Arches.Contains(arch))
                && (includes.Caps is not { Count: > 0 } || includes.Caps.All(caps.Contains))
                && (includes.MinKernel is not { } atLeast || kernel >= ParseKernel(atLeast)));
    }

    private static Version ParseKernel(string text)
    {
        string[] parts = text.Split('.');
        if (parts.Length < 2 || !int.TryParse(parts[0], out int major) || !int.TryParse(parts[1].Split('-')[0], out int minor))
        {
            throw new InvalidArgumentException($"minKernel '{text}' in the seccomp profile is not a kernel version such as 4.8");
        }

        return new Version(major, minor);
    }

    private static LinuxSeccompArg Copy(LinuxSeccompArg arg) => new() { Index = arg.Index, Value = arg.Value, ValueTwo = arg.ValueTwo, Op = arg.Op };
}
