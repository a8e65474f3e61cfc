using Berth.Core.Containers.Options;
using Berth.Core.Engine;

namespace Berth.Engine;

/// <summary>What a container runs with once the image's defaults fill what the request leaves out, as dockerd merges them.</summary>
internal static class EffectiveConfig
{
    public static ContainerRecord Of(ContainerCreate request, ResolvedImage image, string name, string id)
    {
        var defaults = image.Config.Config;
        var flags = request.Spec;
        var labels = new Dictionary<string, string>(defaults?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in request.Labels)
        {
            labels[key] = value;
        }

        return new ContainerRecord
        {
            Name = name,
            Request = request,
            ImageId = image.ConfigDigest.ToString(),
            // --entrypoint replaces the image's entrypoint and drops its command.
            Entrypoint = flags.Entrypoint ?? defaults?.Entrypoint ?? [],
            Cmd = flags.Command ?? (flags.Entrypoint is null ? defaults?.Cmd ?? [] : []),
            Env = MergeEnv(defaults?.Env ?? [], flags.Env),
            User = flags.User ?? defaults?.User ?? string.Empty,
            WorkingDir = flags.WorkingDir ?? defaults?.WorkingDir ?? string.Empty,
            Hostname = flags.Hostname ?? id[..12],
            StopSignal = request.StopSignal ?? defaults?.StopSignal ?? "SIGTERM",
            Labels = labels,
        };
    }

    // The flags' variables replace the image's of the same name, in the image's order; new ones follow.
    public static List<string> MergeEnv(IReadOnlyList<string> image, IReadOnlyList<string> flags)
    {
        var merged = new List<string>(image);
        foreach (string variable in flags)
        {
            EnvironmentVariables.Set(merged, variable);
        }

        return merged;
    }
}
