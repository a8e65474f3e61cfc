using System.Text.Json;
using Berth.Core.Containers.Options;

namespace Berth.Operations.Containers;

internal static partial class ContainerInspectWriter
{
    // What the container's spec hides and makes read-only unless privileged: berthd's defaults (Berth.Runtime's
    // DockerDefaults, which this layer cannot reference), shown as dockerd shows the ones it applies.
    private static readonly string[] MaskedPaths =
    [
        "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
        "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    private static readonly string[] ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    // HostConfig's resources, in dockerd's order; the limits berth has no flag for are dockerd's zero values.
    private static void WriteResources(Utf8JsonWriter json, ContainerSpecOptions spec)
    {
        json.WriteNumber("CpuShares", spec.CpuShares ?? 0);
        json.WriteNumber("Memory", spec.Memory ?? 0);
        json.WriteNumber("NanoCpus", (long)((spec.Cpus ?? 0) * 1_000_000_000m));
        json.WriteString("CgroupParent", string.Empty);
        json.WriteNumber("BlkioWeight", spec.BlkioWeight ?? 0);
        foreach (string devices in new[]
            { "BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps" })
        {
            Strings(json, devices, [], nullWhenEmpty: false);
        }

        json.WriteNumber("CpuPeriod", spec.CpuPeriod ?? 0);
        json.WriteNumber("CpuQuota", spec.CpuQuota ?? 0);
        json.WriteNumber("CpuRealtimePeriod", 0);
        json.WriteNumber("CpuRealtimeRuntime", 0);
        json.WriteString("CpusetCpus", spec.CpusetCpus ?? string.Empty);
        json.WriteString("CpusetMems", spec.CpusetMems ?? string.Empty);
        json.WriteStartArray("Devices");
        foreach (var device in spec.Devices)
        {
            json.WriteStartObject();
            json.WriteString("PathOnHost", device.PathOnHost);
            json.WriteString("PathInContainer", device.PathInContainer);
            json.WriteString("CgroupPermissions", device.Permissions);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNull("DeviceCgroupRules");
        json.WriteNull("DeviceRequests");
        json.WriteNumber("KernelMemory", 0);
        json.WriteNumber("KernelMemoryTCP", 0);
        json.WriteNumber("MemoryReservation", spec.MemoryReservation ?? 0);
        // As dockerd stores it: twice the memory when only the memory is limited.
        json.WriteNumber("MemorySwap", spec.MemorySwap ?? (spec.Memory is > 0 ? spec.Memory.Value * 2 : 0));
        NumberOrNull(json, "MemorySwappiness", spec.MemorySwappiness);
        json.WriteBoolean("OomKillDisable", spec.OomKillDisable);
        NumberOrNull(json, "PidsLimit", spec.PidsLimit);
        json.WriteStartArray("Ulimits");
        foreach (var ulimit in spec.Ulimits)
        {
            json.WriteStartObject();
            json.WriteString("Name", ulimit.Name);
            json.WriteNumber("Hard", ulimit.Hard == ulong.MaxValue ? -1 : (long)ulimit.Hard);
            json.WriteNumber("Soft", ulimit.Soft == ulong.MaxValue ? -1 : (long)ulimit.Soft);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        foreach (string windowsOnly in new[] { "CpuCount", "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth" })
        {
            json.WriteNumber(windowsOnly, 0);
        }
    }

    // A privileged container masks nothing, and dockerd shows null for both then.
    private static void WriteMaskedPaths(Utf8JsonWriter json, ContainerSpecOptions spec)
    {
        Strings(json, "MaskedPaths", spec.Privileged ? [] : MaskedPaths, nullWhenEmpty: true);
        Strings(json, "ReadonlyPaths", spec.Privileged ? [] : ReadonlyPaths, nullWhenEmpty: true);
    }

    private static void NumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
