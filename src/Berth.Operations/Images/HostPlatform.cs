using System.Runtime.InteropServices;
using Berth.Oci;

namespace Berth.Operations.Images;

/// <summary>The platform this machine runs, in OCI's words, and docker's parsing of <c>--platform</c>.</summary>
internal static class HostPlatform
{
    public static Platform Current { get; } = new("linux", RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        Architecture.X86 => "386",
        var other => other.ToString().ToLowerInvariant(),
    });

    /// <summary>
    /// Parses <c>os/arch[/variant]</c>, a bare architecture (the OS is linux) or a bare OS (the architecture is this
    /// machine's), normalising the names containerd normalises (x86_64 → amd64, aarch64 → arm64, arm → arm/v7).
    /// </summary>
    public static Platform Parse(string text)
    {
        string[] parts = text.Trim().ToLowerInvariant().Split('/');
        if (parts.Any(p => p.Length == 0) || parts.Length > 3)
        {
            throw Invalid(text);
        }

        var (os, arch, variant) = parts.Length switch
        {
            1 when parts[0] is "linux" or "windows" or "darwin" or "freebsd" => (parts[0], Current.Architecture, null),
            1 => ("linux", parts[0], null),
            2 => (parts[0], parts[1], null),
            _ => (parts[0], parts[1], parts[2]),
        };
        (arch, variant) = (arch, variant) switch
        {
            ("x86_64" or "x86-64" or "amd64", _) => ("amd64", variant),
            ("i386" or "i686" or "386", _) => ("386", null),
            ("aarch64" or "arm64", "8" or "v8" or null) => ("arm64", null),
            ("aarch64" or "arm64", _) => ("arm64", variant),
            ("armhf", _) => ("arm", "v7"),
            ("armel", _) => ("arm", "v6"),
            ("arm", null) => ("arm", "v7"),
            ("arm", [>= '5' and <= '8']) => ("arm", "v" + variant),
            _ => (arch, variant),
        };
        if (!arch.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || !os.All(char.IsAsciiLetterOrDigit))
        {
            throw Invalid(text);
        }

        return new Platform(os, arch) { Variant = variant };
    }

    private static Output.ClientException Invalid(string text)
        => new($"invalid platform \"{text}\": want os/arch[/variant], such as linux/amd64 or linux/arm/v7");
}
