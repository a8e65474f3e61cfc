using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

internal static partial class ContainerRequest
{
    private static readonly HashSet<string> VolumeModes = ["ro", "rw", "z", "Z", "nocopy", "bind", "rbind"];

    private static ContainerSpecOptions WithMounts(ContainerSpecOptions spec, ContainerCreateFlags flags, FlagHost host)
    {
        var binds = flags.Volumes.Select(v => Volume(v, host)).ToList();
        var tmpfs = flags.Tmpfs.Select(TmpfsMount.Parse).ToList();
        foreach (string text in flags.Mounts)
        {
            switch (MountFlag.Parse(text))
            {
                case BindMount bind: binds.Add(bind); break;
                case TmpfsMount mount: tmpfs.Add(mount); break;
            }
        }

        return spec with
        {
            Binds = binds,
            Tmpfs = tmpfs,
            Devices = [.. flags.Devices.Select(DeviceMapping.Parse)],
            ReadonlyRootfs = flags.ReadOnly,
        };
    }

    // -v /host:/container[:options]. A source that is not a path names a volume, which berth does not have yet.
    private static BindMount Volume(string text, FlagHost host)
    {
        string[] parts = text.Split(':');
        if (parts.Any(p => p.Length == 0))
        {
            throw new ClientException($"invalid spec: {text}: empty section between colons", 125);
        }

        if (parts.Length == 1)
        {
            throw new InvalidArgumentException(
                $"-v {text}: anonymous volumes are not supported yet: bind a host folder (-v /host/path:{text}) or use --tmpfs {text}");
        }

        if (parts.Length > 3)
        {
            throw new InvalidArgumentException($"invalid volume specification: '{text}'");
        }

        string source = parts[0];
        if (!source.StartsWith('/') && !source.StartsWith('.'))
        {
            throw new InvalidArgumentException(
                $"-v {text}: named volumes are not supported yet: bind a host folder instead (-v /host/path:{parts[1]})");
        }

        if (!parts[1].StartsWith('/'))
        {
            throw new InvalidArgumentException(
                $"invalid volume specification: '{text}': invalid mount config for type \"bind\": invalid mount path: '{parts[1]}' mount path must be absolute");
        }

        string? badMode = parts.Length == 3
            ? parts[2].Split(',').FirstOrDefault(m => !VolumeModes.Contains(m) && !BindMount.IsPropagation(m))
            : null;
        if (badMode is not null)
        {
            throw new InvalidArgumentException($"invalid mode: {parts[2]}");
        }

        // docker's CLI makes ./relative sources absolute; the daemon would refuse them.
        string absolute = source.StartsWith('.') ? Path.GetFullPath(source, host.CurrentDirectory) : source;
        return BindMount.Parse(string.Join(':', [absolute, .. parts[1..]]));
    }
}
