using Berth.Core.Errors;

namespace Berth.Runtime.Shims;

/// <summary>
/// Which shim binary serves a runtime name. <c>io.containerd.runc.v2</c> (the default runtime) is berth-shim, or whatever
/// the config sets (Debian's <c>containerd-shim-runc-v2</c>, say); any other name follows containerd's rule,
/// <c>io.containerd.&lt;name&gt;.&lt;version&gt;</c> → <c>containerd-shim-&lt;name&gt;-&lt;version&gt;</c> in PATH.
/// </summary>
public sealed class ShimBinaries(IReadOnlyDictionary<string, string> configured, string berthShim)
{
    /// <summary>The runtime containerd's clients ask for by default.</summary>
    public const string RuncV2 = "io.containerd.runc.v2";

    /// <summary>berth-shim beside the running executable (installed together), else in PATH.</summary>
    public static string DefaultBerthShim
        => File.Exists(Path.Join(AppContext.BaseDirectory, "berth-shim")) ? Path.Join(AppContext.BaseDirectory, "berth-shim") : "berth-shim";

    /// <summary>The binary for a task: its own <paramref name="runtimePath"/> if given, else by runtime name.</summary>
    public string Resolve(string runtimeName, string runtimePath = "")
    {
        if (runtimePath.Length > 0)
        {
            return runtimePath;
        }

        if (configured.TryGetValue(runtimeName, out string? binary))
        {
            return binary;
        }

        if (runtimeName == RuncV2)
        {
            return berthShim;
        }

        string[] parts = runtimeName.Split('.');
        if (parts.Length < 2 || parts.Any(part => part.Length == 0 || part.Contains('/', StringComparison.Ordinal)))
        {
            throw new InvalidArgumentException(
                $"runtime {runtimeName} is not a runtime name such as {RuncV2}: name a configured runtime or give the shim's path");
        }

        return $"containerd-shim-{parts[^2]}-{parts[^1]}";
    }
}
