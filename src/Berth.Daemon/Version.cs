using System.Reflection;

namespace Berth.Daemon;

/// <summary>berthd's version: the assembly's informational version, with the git commit after '+' as the revision.</summary>
internal static class Version
{
    private static readonly string Informational =
        typeof(Version).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static string Text { get; } = "v" + Informational.Split('+')[0];

    public static string Revision { get; } = Informational.Contains('+', StringComparison.Ordinal) ? Informational.Split('+')[1] : "unknown";
}
