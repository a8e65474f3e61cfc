using Berth.Linux;

namespace Berth.Testing.Snapshots;

/// <summary>Splits containerd mount options into mount(2) flags and the filesystem's data string.</summary>
public static class MountOptionParser
{
    public const MountFlags Propagation = MountFlags.Private | MountFlags.Slave | MountFlags.Shared;

    private static readonly Dictionary<string, (bool Clear, MountFlags Flag)> Flags = new(StringComparer.Ordinal)
    {
        ["ro"] = (false, MountFlags.ReadOnly),
        ["rw"] = (true, MountFlags.ReadOnly),
        ["bind"] = (false, MountFlags.Bind),
        ["rbind"] = (false, MountFlags.Bind | MountFlags.Recursive),
        ["nosuid"] = (false, MountFlags.NoSuid),
        ["suid"] = (true, MountFlags.NoSuid),
        ["nodev"] = (false, MountFlags.NoDev),
        ["dev"] = (true, MountFlags.NoDev),
        ["noexec"] = (false, MountFlags.NoExec),
        ["exec"] = (true, MountFlags.NoExec),
        ["remount"] = (false, MountFlags.Remount),
        ["private"] = (false, MountFlags.Private),
        ["rprivate"] = (false, MountFlags.Private | MountFlags.Recursive),
        ["defaults"] = (false, MountFlags.None),
    };

    public static (MountFlags Flags, string? Data) Parse(IEnumerable<string> options)
    {
        var flags = MountFlags.None;
        var data = new List<string>();
        foreach (string option in options)
        {
            if (!Flags.TryGetValue(option, out var entry))
            {
                data.Add(option);
            }
            else if (entry.Clear)
            {
                flags &= ~entry.Flag;
            }
            else
            {
                flags |= entry.Flag;
            }
        }

        return (flags, data.Count == 0 ? null : string.Join(',', data));
    }
}
