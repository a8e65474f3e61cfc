using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Linux;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Spec;

public sealed partial class SpecBuilder
{
    // Folders of /dev that hold no device a container should get (or that it gets its own of).
    private static readonly HashSet<string> SkippedDeviceFolders = ["/dev/pts", "/dev/shm", "/dev/mqueue", "/dev/fd", "/dev/.lxc", "/dev/.udev"];

    private void ApplyDevices(RuntimeSpec spec, ContainerSpecOptions options)
    {
        var linux = spec.Linux!;
        var devices = new List<LinuxDevice>();
        var rules = linux.Resources!.Devices!;
        if (options.Privileged)
        {
            devices.AddRange(HostDevices("/dev"));
            rules.Clear();
            rules.Add(new LinuxDeviceCgroup { Allow = true, Access = "rwm" });
        }

        foreach (var mapping in options.Devices)
        {
            if (mapping.Permissions.Length == 0 || mapping.Permissions.Any(c => c is not ('r' or 'w' or 'm')))
            {
                throw new InvalidArgumentException($"--device {mapping.PathOnHost}: permissions '{mapping.Permissions}' must be made of r, w and m");
            }

            var device = ReadDevice(mapping.PathOnHost, mapping.PathInContainer)
                ?? throw new InvalidArgumentException($"--device {mapping.PathOnHost}: not a character or block device on this host");
            devices.RemoveAll(d => d.Path == device.Path);
            devices.Add(device);
            rules.Add(new LinuxDeviceCgroup { Allow = true, Type = device.Type, Major = device.Major, Minor = device.Minor, Access = mapping.Permissions });
        }

        linux.Devices = devices.Count > 0 ? devices : null;
    }

    private IEnumerable<LinuxDevice> HostDevices(string folder)
    {
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (string entry in entries)
        {
            if (SkippedDeviceFolders.Contains(entry) || entry == "/dev/console")
            {
                continue;
            }

            var status = syscalls.Lstat(entry);
            if (status?.Kind == FileKind.Directory)
            {
                foreach (var device in HostDevices(entry))
                {
                    yield return device;
                }
            }
            else if (ReadDevice(entry, entry) is { } device)
            {
                yield return device;
            }
        }
    }

    private LinuxDevice? ReadDevice(string hostPath, string containerPath)
    {
        var status = syscalls.Lstat(hostPath);
        if (status is null || status.Kind is not (FileKind.CharDevice or FileKind.BlockDevice))
        {
            return null;
        }

        return new LinuxDevice
        {
            Path = containerPath,
            Type = status.Kind == FileKind.CharDevice ? "c" : "b",
            Major = status.RdevMajor,
            Minor = status.RdevMinor,
            FileMode = (uint)status.Mode,
            Uid = (uint)status.Uid,
            Gid = (uint)status.Gid,
        };
    }
}
