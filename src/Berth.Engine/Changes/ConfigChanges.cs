using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Oci.Manifests;

namespace Berth.Engine.Changes;

/// <summary>
/// docker commit's <c>--change</c> instructions applied in order to a config, as a Dockerfile's would be: a later ENV
/// of a name replaces the earlier value in place; ENTRYPOINT drops the command unless a CMD came before it; a relative
/// WORKDIR goes on from the current one; EXPOSE and VOLUME add to what is there.
/// </summary>
internal static class ConfigChanges
{
    public static ContainerConfig Apply(ContainerConfig config, IReadOnlyList<ConfigChange> changes)
    {
        bool cmdSet = false;
        foreach (var change in changes)
        {
            var values = change.Values;
            config = change.Instruction switch
            {
                ConfigInstruction.Cmd => config with { Cmd = [.. values] },
                ConfigInstruction.Entrypoint => config with { Entrypoint = [.. values], Cmd = cmdSet ? config.Cmd : null },
                ConfigInstruction.Env => config with { Env = SetEnv(config.Env ?? [], values) },
                ConfigInstruction.Label => config with { Labels = SetLabels(config.Labels, values) },
                ConfigInstruction.Expose => config with { ExposedPorts = [.. (config.ExposedPorts ?? []).Union(values, StringComparer.Ordinal)] },
                ConfigInstruction.Volume => config with { Volumes = [.. (config.Volumes ?? []).Union(values, StringComparer.Ordinal)] },
                ConfigInstruction.User => config with { User = Single(values) },
                ConfigInstruction.Workdir => config with { WorkingDir = WorkingDir(config.WorkingDir, Single(values)) },
                ConfigInstruction.StopSignal => config with { StopSignal = Single(values) },
                _ => config,
            };
            cmdSet |= change.Instruction == ConfigInstruction.Cmd;
        }

        return config;
    }

    private static string Single(IReadOnlyList<string> values) => values.Count > 0 ? values[0] : string.Empty;

    private static List<string> SetEnv(IReadOnlyList<string> env, IReadOnlyList<string> variables)
    {
        var result = env.ToList();
        foreach (string variable in variables)
        {
            EnvironmentVariables.Set(result, variable);
        }

        return result;
    }

    private static Dictionary<string, string> SetLabels(IReadOnlyDictionary<string, string>? labels, IReadOnlyList<string> pairs)
    {
        var result = new Dictionary<string, string>(labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            result[eq < 0 ? pair : pair[..eq]] = eq < 0 ? string.Empty : pair[(eq + 1)..];
        }

        return result;
    }

    private static string WorkingDir(string? current, string wanted)
        => wanted.StartsWith('/') || wanted.Length == 0 ? wanted : Path.Join(string.IsNullOrEmpty(current) ? "/" : current, wanted);
}
