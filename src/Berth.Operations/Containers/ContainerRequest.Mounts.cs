using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

internal static partial class ContainerRequest
{
    private static readonly HashSet<string> BindModes = ["ro", "rw", "z", "Z", "nocopy", "bind", "rbind"];

    // -v and --mount give binds, tmpfs and volumes; the volumes go to the engine beside the spec, which makes them.
    private static (ContainerSpecOptions Spec, List<VolumeMount> Volumes) WithMounts(ContainerSpecOptions spec, ContainerCreateFlags flags, FlagHost host)
    {
        var binds = new List<BindMount>();
        var tmpfs = flags.Tmpfs.Select(TmpfsMount.Parse).ToList();
        var volumes = new List<VolumeMount>();
        foreach (object mount in flags.Volumes.Select(v => Volume(v, host)).Concat(flags.Mounts.Select(MountFlag.Parse)))
        {
            switch (mount)
            {
                case BindMount bind: binds.Add(bind); break;
                case TmpfsMount t: tmpfs.Add(t); break;
                case VolumeMount volume: volumes.Add(volume); break;
            }
        }

        // dockerd refuses two mounts at one place, whatever their kinds.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? twice = binds.Select(b => b.Destination).Concat(tmpfs.Select(t => t.Destination)).Concat(volumes.Select(v => v.Destination))
            .Select(MountFlag.Clean).FirstOrDefault(d => !seen.Add(d));
        if (twice is not null)
        {
            throw new InvalidArgumentException($"Duplicate mount point: {twice}");
        }

        return (spec with
        {
            Binds = binds,
            Tmpfs = tmpfs,
            Devices = [.. flags.Devices.Select(DeviceMapping.Parse)],
            ReadonlyRootfs = flags.ReadOnly,
        }, volumes);
    }

    // -v [SOURCE:]DESTINATION[:MODE], as docker reads it: a source that is a path (/…, ./…) binds a host folder, a name
    // mounts that volume, and no source an anonymous volume made for the container.
    private static object Volume(string text, FlagHost host)
    {
        string[] parts = text.Split(':');
        if (parts.Any(p => p.Length == 0))
        {
            throw new ClientException($"invalid spec: {text}: empty section between colons", 125);
        }

        // DESTINATION:MODE is no volume at all (/data:ro).
        if (parts.Length > 3 || (parts.Length == 2 && MountFlag.IsVolumeMode(parts[1])))
        {
            throw new InvalidArgumentException($"invalid volume specification: '{text}'");
        }

        string? source = parts.Length == 1 ? null : parts[0];
        if (source is not null && (source.StartsWith('/') || source.StartsWith('.')))
        {
            return Bind(text, parts, host);
        }

        string target = parts.Length == 1 ? parts[0] : parts[1];
        string mode = parts.Length == 3 ? parts[2] : string.Empty;
        if (!MountFlag.IsVolumeMode(mode))
        {
            throw new InvalidArgumentException($"invalid mode: {mode}");
        }

        string[] options = mode.Split(',');
        bool readOnly = options.Contains("ro");
        if (MountFlag.VolumeProblem(source, target, readOnly, bindOptions: options.Any(BindMount.IsPropagation)) is { } problem)
        {
            throw new InvalidArgumentException($"invalid volume specification: '{text}': invalid mount config for type \"volume\": {problem}");
        }

        return new VolumeMount(source, MountFlag.Clean(target)) { ReadOnly = readOnly, NoCopy = options.Contains("nocopy") };
    }

    private static BindMount Bind(string text, string[] parts, FlagHost host)
    {
        if (!parts[1].StartsWith('/'))
        {
            throw new InvalidArgumentException(
                $"invalid volume specification: '{text}': invalid mount config for type \"bind\": invalid mount path: '{parts[1]}' mount path must be absolute");
        }

        string? badMode = parts.Length == 3
            ? parts[2].Split(',').FirstOrDefault(m => !BindModes.Contains(m) && !BindMount.IsPropagation(m))
            : null;
        if (badMode is not null)
        {
            throw new InvalidArgumentException($"invalid mode: {parts[2]}");
        }

        // docker's CLI makes ./relative sources absolute; the daemon would refuse them.
        string source = parts[0];
        string absolute = source.StartsWith('.') ? Path.GetFullPath(source, host.CurrentDirectory) : source;
        return BindMount.Parse(string.Join(':', [absolute, .. parts[1..]]));
    }
}
