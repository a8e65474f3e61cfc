using System.Diagnostics.CodeAnalysis;

namespace Berth.Oci;

/// <summary>
/// Platform specifiers (<c>os/arch[/variant]</c>) read, normalised and printed as containerd's platforms package does:
/// <c>linux/arm64/v8</c>, <c>linux/arm/v7</c>, <c>amd64</c> (this OS), <c>linux</c> (this CPU), <c>x86_64</c> → amd64.
/// </summary>
public static class Platforms
{
    /// <summary>The platform this process runs on, as containerd's default: <c>linux/amd64</c>, <c>linux/arm64/v8</c>, <c>linux/arm/v7</c>.</summary>
    public static Platform Host => Manifests.HostPlatform.Current;

    /// <summary>Parses a specifier; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static Platform Parse(string specifier)
        => TryParse(specifier, out var platform, out string? error) ? platform : throw new FormatException(error);

    /// <summary>Parses a specifier without throwing; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? specifier, [NotNullWhen(true)] out Platform? platform, [NotNullWhen(false)] out string? error)
    {
        platform = null;
        if (string.IsNullOrEmpty(specifier) || specifier.Contains('*', StringComparison.Ordinal))
        {
            error = $"\"{specifier}\" is not a platform: give os/arch[/variant], such as linux/amd64 or linux/arm/v7 (no wildcards)";
            return false;
        }

        string[] parts = specifier.Split('/');
        if (parts.FirstOrDefault(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) is { } bad)
        {
            error = $"\"{bad}\" is an invalid component of platform \"{specifier}\": use letters, digits, '_' and '-'";
            return false;
        }

        error = null;
        switch (parts)
        {
            case [string single]:
                string os = NormalizeOs(single);
                if (KnownOperatingSystems.Contains(os))
                {
                    platform = new Platform(os, Host.Architecture) { Variant = Host.Architecture == "arm" && Host.Variant != "v7" ? Host.Variant : null };
                    return true;
                }

                var (arch, variant) = NormalizeArchitecture(single, null);
                if (KnownArchitectures.Contains(arch))
                {
                    platform = new Platform(Host.Os, arch) { Variant = arch == "arm" && variant == "v7" ? null : variant };
                    return true;
                }

                error = $"\"{specifier}\" is not a known operating system or architecture: give os/arch, such as linux/amd64";
                return false;
            case [string first, string second]:
                (arch, variant) = NormalizeArchitecture(second, null);
                platform = new Platform(NormalizeOs(first), arch) { Variant = arch == "arm" && variant == "v7" ? null : variant };
                return true;
            case [string first, string second, string third]:
                (arch, variant) = NormalizeArchitecture(second, third);
                platform = new Platform(NormalizeOs(first), arch) { Variant = arch == "arm64" && variant is null ? "v8" : variant };
                return true;
            default:
                error = $"\"{specifier}\" is not a platform: give at most os/arch/variant";
                return false;
        }
    }

    /// <summary>The canonical form used for matching: lowercase, aliases resolved, arm64's v8 dropped, arm's default v7 set.</summary>
    public static Platform Normalize(Platform platform)
    {
        var (arch, variant) = NormalizeArchitecture(platform.Architecture, platform.Variant);
        return platform with { Os = NormalizeOs(platform.Os), Architecture = arch, Variant = variant };
    }

    /// <summary>The specifier of a platform: <c>os/arch[/variant]</c>, <c>unknown</c> without an OS.</summary>
    public static string Format(Platform platform)
        => string.IsNullOrEmpty(platform.Os) ? "unknown" : string.Join('/', new[] { platform.Os, platform.Architecture, platform.Variant }.Where(p => !string.IsNullOrEmpty(p)));

    private static string NormalizeOs(string os) => os.ToLowerInvariant() switch
    {
        "" => "linux",
        "macos" => "darwin",
        var lower => lower,
    };

    private static (string Architecture, string? Variant) NormalizeArchitecture(string architecture, string? variant)
    {
        string arch = architecture.ToLowerInvariant();
        string? v = string.IsNullOrEmpty(variant) ? null : variant.ToLowerInvariant();
        return arch switch
        {
            "i386" => ("386", null),
            "x86_64" or "x86-64" or "amd64" => ("amd64", v == "v1" ? null : v),
            "aarch64" or "arm64" => ("arm64", v is "8" or "v8" ? null : v),
            "armhf" => ("arm", "v7"),
            "armel" => ("arm", "v6"),
            "arm" => ("arm", v switch { null or "7" => "v7", "5" or "6" or "8" => "v" + v, _ => v }),
            _ => (arch, v),
        };
    }

    private static readonly HashSet<string> KnownOperatingSystems =
        ["aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd",
         "plan9", "solaris", "windows", "zos"];

    private static readonly HashSet<string> KnownArchitectures =
        ["386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "ppc64", "ppc64le", "loong64", "mips", "mipsle", "mips64",
         "mips64le", "mips64p32", "mips64p32le", "ppc", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm"];
}
