using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

/// <summary>
/// Turns <c>docker run</c>'s flags into the engine's <see cref="ContainerCreate"/>. What docker's CLI checks is refused
/// here in its words (a <see cref="ClientException"/> with exit code 125); what berth cannot do yet (published
/// ports, networks) is refused with an InvalidArgument saying so, never dropped silently.
/// </summary>
internal static partial class ContainerRequest
{
    /// <param name="detach">Whether nothing attaches to the container (<c>run -d</c>): docker then leaves stdin open past the first attach.</param>
    public static ContainerCreate From(ContainerCreateFlags flags, FlagHost host, bool detach = false)
    {
        RefuseNetworking(flags);
        var spec = new ContainerSpecOptions
        {
            // --entrypoint "" resets the image's entrypoint: an empty list, where null keeps it.
            Entrypoint = flags.Entrypoint is null ? null : flags.Entrypoint.Length == 0 ? [] : [flags.Entrypoint],
            Command = flags.Command.Count == 0 ? null : [.. flags.Command],
            Env = Environment(flags, host),
            User = flags.User,
            GroupAdd = [.. flags.GroupAdd],
            WorkingDir = flags.WorkingDir,
            Hostname = flags.Hostname,
            Tty = flags.Tty,
            NetworkNamespace = flags.Network == "host" ? ContainerSpecOptions.HostNetwork : null,
        };
        (spec, var volumes) = WithMounts(spec, flags, host);
        spec = WithResources(spec, flags.Resources, host);
        spec = WithSecurity(spec, flags);
        var restart = RestartPolicy.Parse(flags.Restart ?? string.Empty);
        if (flags.AutoRemove && restart.Name != "no")
        {
            throw new ClientException("conflicting options: cannot specify both --restart and --rm", 125);
        }

        if (flags.LogDriver is not (null or "json-file"))
        {
            throw new InvalidArgumentException($"--log-driver {flags.LogDriver}: berth keeps docker's json-file log only");
        }

        return new ContainerCreate(flags.Image)
        {
            Name = flags.Name,
            Spec = spec,
            Labels = Labels(flags.Labels),
            Restart = restart,
            AutoRemove = flags.AutoRemove,
            LogOptions = FlagValues.Map(flags.LogOpts),
            StopSignal = flags.StopSignal,
            StopTimeout = FlagValues.Int32(flags.StopTimeout, "--stop-timeout"),
            OpenStdin = flags.Interactive,
            StdinOnce = flags.Interactive && !detach,
            Volumes = volumes,
            Runtime = flags.Runtime,
            Init = flags.Init,
        };
    }

    // docker merges the env files first, then -e.
    private static List<string> Environment(ContainerCreateFlags flags, FlagHost host)
    {
        var variables = new List<string>();
        foreach (string file in flags.EnvFiles)
        {
            try
            {
                variables.AddRange(EnvFile.Read(file, host.Lookup));
            }
            catch (NotFoundException ex)
            {
                throw new ClientException(ex.Message, 125);
            }
        }

        AddEnv(variables, flags.Env, host);
        return variables;
    }

    /// <summary>
    /// Adds <c>-e</c>'s values (run's and exec's): NAME=value as given, a bare NAME from this environment or left out
    /// when it is not set there; an empty name is refused as docker's CLI refuses it (a usage error).
    /// </summary>
    internal static void AddEnv(List<string> variables, IEnumerable<string> values, FlagHost host)
    {
        foreach (string value in values)
        {
            int eq = value.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? value : value[..eq];
            if (name.Length == 0)
            {
                throw FlagValues.Invalid(value, "-e, --env", $"invalid environment variable: {value}");
            }

            if (eq >= 0)
            {
                variables.Add(value);
            }
            else if (host.Lookup(name) is { } found)
            {
                variables.Add($"{name}={found}");
            }
        }
    }

    private static Dictionary<string, string> Labels(IReadOnlyList<string> labels)
    {
        foreach (string label in labels)
        {
            string key = label.Split('=', 2)[0].Trim();
            if (key.Length == 0)
            {
                throw FlagValues.Invalid(label, "-l, --label", $"invalid label '{label}': empty name");
            }

            if (key.Any(char.IsWhiteSpace))
            {
                throw FlagValues.Invalid(label, "-l, --label", $"label '{label}' contains whitespaces");
            }
        }

        return FlagValues.Map(labels);
    }

    private static void RefuseNetworking(ContainerCreateFlags flags)
    {
        foreach (string publish in flags.Publish)
        {
            PublishSpec.Check(publish);
        }

        if (flags.Publish.Count > 0 || flags.PublishAll)
        {
            string what = flags.Publish.Count > 0 ? $"-p {flags.Publish[0]}" : "-P";
            throw new InvalidArgumentException(
                $"publishing ports ({what}) is not supported yet: berth has no container networks; use --network host to share the host's");
        }

        if (flags.Network is not (null or "none" or "host"))
        {
            throw new InvalidArgumentException(
                $"--network {flags.Network}: networks are not supported yet: use --network none (the default: no network) or --network host");
        }
    }
}
