using System.Text.Json;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;

namespace Berth.Operations.Containers;

internal static partial class ContainerInspectWriter
{
    // HostConfig as docker shows it, from what was asked: docker's fields for what berth's flags set.
    private static void WriteHostConfig(Utf8JsonWriter json, ContainerCreate request)
    {
        var spec = request.Spec;
        json.WriteStartObject("HostConfig");
        Strings(json, "Binds", spec.Binds.Select(Bind).ToList(), nullWhenEmpty: true);
        json.WriteString("ContainerIDFile", string.Empty);
        json.WriteStartObject("LogConfig");
        json.WriteString("Type", "json-file");
        Map(json, "Config", request.LogOptions);
        json.WriteEndObject();
        json.WriteString("NetworkMode", spec.NetworkNamespace == ContainerSpecOptions.HostNetwork ? "host" : "none");
        json.WriteStartObject("PortBindings");
        json.WriteEndObject();
        json.WriteStartObject("RestartPolicy");
        json.WriteString("Name", request.Restart.Name);
        json.WriteNumber("MaximumRetryCount", request.Restart.MaximumRetryCount);
        json.WriteEndObject();
        json.WriteBoolean("AutoRemove", request.AutoRemove);
        Strings(json, "CapAdd", spec.CapAdd, nullWhenEmpty: true);
        Strings(json, "CapDrop", spec.CapDrop, nullWhenEmpty: true);
        Strings(json, "GroupAdd", spec.GroupAdd, nullWhenEmpty: true);
        json.WriteNumber("OomScoreAdj", spec.OomScoreAdj ?? 0);
        json.WriteBoolean("Privileged", spec.Privileged);
        json.WriteBoolean("ReadonlyRootfs", spec.ReadonlyRootfs);
        Strings(json, "SecurityOpt", SecurityOpt(spec), nullWhenEmpty: true);
        if (spec.Tmpfs.Count > 0)
        {
            Map(json, "Tmpfs", spec.Tmpfs.GroupBy(t => t.Destination).ToDictionary(g => g.Key, g => string.Join(',', g.Last().Options)));
        }

        // docker's default /dev/shm is 64 MiB.
        json.WriteNumber("ShmSize", spec.ShmSize ?? 64L * 1024 * 1024);
        json.WriteString("Runtime", request.Runtime ?? "runc");
        json.WriteNumber("CpuShares", spec.CpuShares ?? 0);
        json.WriteNumber("Memory", spec.Memory ?? 0);
        json.WriteNumber("NanoCpus", (long)((spec.Cpus ?? 0) * 1_000_000_000m));
        json.WriteNumber("BlkioWeight", spec.BlkioWeight ?? 0);
        json.WriteNumber("CpuPeriod", spec.CpuPeriod ?? 0);
        json.WriteNumber("CpuQuota", spec.CpuQuota ?? 0);
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
        if (spec.Sysctls.Count > 0)
        {
            Map(json, "Sysctls", spec.Sysctls);
        }

        if (spec.Annotations.Count > 0)
        {
            Map(json, "Annotations", spec.Annotations);
        }

        json.WriteEndObject();
    }

    // The -v form of a bind: source:destination, then the options that differ from docker's defaults.
    private static string Bind(BindMount bind)
    {
        var options = new List<string>();
        if (bind.ReadOnly)
        {
            options.Add("ro");
        }

        if (bind.Propagation != "rprivate")
        {
            options.Add(bind.Propagation);
        }

        if (!bind.Recursive)
        {
            options.Add("bind");
        }

        return $"{bind.Source}:{bind.Destination}" + (options.Count > 0 ? ":" + string.Join(',', options) : string.Empty);
    }

    private static List<string> SecurityOpt(ContainerSpecOptions spec)
    {
        var options = new List<string>();
        if (spec.NoNewPrivileges)
        {
            options.Add("no-new-privileges");
        }

        if (spec.Seccomp is { } seccomp)
        {
            options.Add("seccomp=" + seccomp);
        }

        return options;
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
