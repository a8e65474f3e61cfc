using System.Globalization;
using System.Text.Json;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;

namespace Berth.Operations.Containers;

/// <summary>
/// A container in the shape of `docker inspect`, with dockerd's members in dockerd's order (checked against Debian's
/// dockerd by <c>Oracle/SessionOracleTests</c>): those berth has a value for, and docker's fixed values for the settings
/// berth has no flag for (no cgroup namespace, a private IPC namespace, no DNS options, no network endpoint).
/// </summary>
internal static partial class ContainerInspectWriter
{
    /// <summary>Go's zero time, which docker shows for a time that never was.</summary>
    public const string GoZeroTime = "0001-01-01T00:00:00Z";

    public static void Write(Utf8JsonWriter json, ContainerDetails c)
    {
        json.WriteStartObject();
        json.WriteString("Id", c.Id);
        json.WriteString("Created", Time(c.Created));
        json.WriteString("Path", c.Args.Count > 0 ? c.Args[0] : string.Empty);
        Strings(json, "Args", c.Args.Skip(1).ToList(), nullWhenEmpty: false);
        WriteState(json, c.State);
        json.WriteString("Image", c.ImageId);
        json.WriteString("ResolvConfPath", c.ResolvConfPath);
        json.WriteString("HostnamePath", c.HostnamePath);
        json.WriteString("HostsPath", c.HostsPath);
        json.WriteString("LogPath", c.LogPath);
        json.WriteString("Name", "/" + c.Name);
        json.WriteNumber("RestartCount", c.RestartCount);
        json.WriteString("Driver", c.Snapshotter);
        json.WriteString("Platform", "linux");
        json.WriteString("MountLabel", string.Empty);
        json.WriteString("ProcessLabel", string.Empty);
        json.WriteString("AppArmorProfile", string.Empty);
        json.WriteNull("ExecIDs");
        WriteHostConfig(json, c.Request);
        // As dockerd shows it when its images are kept by containerd: the snapshotter's name, no graph driver folders.
        json.WriteStartObject("GraphDriver");
        json.WriteNull("Data");
        json.WriteString("Name", c.Snapshotter);
        json.WriteEndObject();
        json.WriteStartArray("Mounts");
        foreach (var mount in c.Mounts)
        {
            json.WriteStartObject();
            json.WriteString("Type", mount.Type);
            json.WriteString("Source", mount.Source);
            json.WriteString("Destination", mount.Destination);
            json.WriteString("Mode", mount.Type == "bind" && !mount.ReadWrite ? "ro" : string.Empty);
            json.WriteBoolean("RW", mount.ReadWrite);
            json.WriteString("Propagation", mount.Propagation);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteConfig(json, c);
        WriteNetworkSettings(json, c.Request.Spec.NetworkNamespace == ContainerSpecOptions.HostNetwork ? "host" : "none");
        json.WriteEndObject();
    }

    /// <summary>Go's RFC 3339 with nanoseconds: UTC, the fraction without trailing zeros.</summary>
    public static string Time(DateTimeOffset? time)
        => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z" : GoZeroTime;

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values, bool nullWhenEmpty)
    {
        if (values.Count == 0 && nullWhenEmpty)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void Map(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
