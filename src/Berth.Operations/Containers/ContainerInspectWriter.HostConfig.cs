using System.Text.Json;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;

namespace Berth.Operations.Containers;

internal static partial class ContainerInspectWriter
{
    // HostConfig as dockerd shows it, in its order: what berth's flags set, and dockerd's values for the settings berth
    // has no flag for (berth gives every container private IPC, PID and UTS namespaces and no cgroup namespace).
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
        json.WriteString("VolumeDriver", string.Empty);
        json.WriteNull("VolumesFrom");
        if (spec.Annotations.Count > 0)
        {
            // Where the API that has them (1.43 on) puts them.
            Map(json, "Annotations", spec.Annotations);
        }

        Strings(json, "CapAdd", spec.CapAdd, nullWhenEmpty: true);
        Strings(json, "CapDrop", spec.CapDrop, nullWhenEmpty: true);
        json.WriteString("CgroupnsMode", "host");
        Strings(json, "Dns", [], nullWhenEmpty: false);
        Strings(json, "DnsOptions", [], nullWhenEmpty: false);
        Strings(json, "DnsSearch", [], nullWhenEmpty: false);
        json.WriteNull("ExtraHosts");
        Strings(json, "GroupAdd", spec.GroupAdd, nullWhenEmpty: true);
        json.WriteString("IpcMode", "private");
        json.WriteString("Cgroup", string.Empty);
        json.WriteNull("Links");
        json.WriteNumber("OomScoreAdj", spec.OomScoreAdj ?? 0);
        json.WriteString("PidMode", string.Empty);
        json.WriteBoolean("Privileged", spec.Privileged);
        json.WriteBoolean("PublishAllPorts", false);
        json.WriteBoolean("ReadonlyRootfs", spec.ReadonlyRootfs);
        Strings(json, "SecurityOpt", SecurityOpt(spec), nullWhenEmpty: true);
        if (spec.Tmpfs.Count > 0)
        {
            Map(json, "Tmpfs", spec.Tmpfs.GroupBy(t => t.Destination).ToDictionary(g => g.Key, g => string.Join(',', g.Last().Options)));
        }

        json.WriteString("UTSMode", string.Empty);
        json.WriteString("UsernsMode", string.Empty);
        // docker's default /dev/shm is 64 MiB.
        json.WriteNumber("ShmSize", spec.ShmSize ?? 64L * 1024 * 1024);
        if (spec.Sysctls.Count > 0)
        {
            Map(json, "Sysctls", spec.Sysctls);
        }

        json.WriteString("Runtime", request.Runtime ?? "runc");
        json.WriteStartArray("ConsoleSize");
        json.WriteNumberValue(0);
        json.WriteNumberValue(0);
        json.WriteEndArray();
        json.WriteString("Isolation", string.Empty);
        WriteResources(json, spec);
        WriteMaskedPaths(json, spec);
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
}
