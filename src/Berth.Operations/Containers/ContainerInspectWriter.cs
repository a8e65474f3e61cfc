using System.Globalization;
using System.Text.Json;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;

namespace Berth.Operations.Containers;

/// <summary>
/// A container in the shape of `docker inspect`, its members in docker's order, for the fields berth has: Id, Created,
/// Path, Args, State, Image, LogPath, Name, RestartCount, Driver, HostConfig, Mounts, Config and NetworkSettings.
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
        json.WriteString("ResolvConfPath", string.Empty);
        json.WriteString("HostnamePath", string.Empty);
        json.WriteString("HostsPath", string.Empty);
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

    private static void WriteState(Utf8JsonWriter json, ContainerState state)
    {
        json.WriteStartObject("State");
        json.WriteString("Status", ContainerRows.State(state));
        // docker counts a paused or restarting container as running.
        json.WriteBoolean("Running", state.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting);
        json.WriteBoolean("Paused", state.Status == ContainerStatus.Paused);
        json.WriteBoolean("Restarting", state.Status == ContainerStatus.Restarting);
        json.WriteBoolean("OOMKilled", state.OomKilled);
        json.WriteBoolean("Dead", state.Status == ContainerStatus.Dead);
        json.WriteNumber("Pid", state.Pid);
        json.WriteNumber("ExitCode", state.ExitCode);
        json.WriteString("Error", state.Error);
        json.WriteString("StartedAt", Time(state.StartedAt));
        json.WriteString("FinishedAt", Time(state.FinishedAt));
        json.WriteEndObject();
    }

    private static void WriteConfig(Utf8JsonWriter json, ContainerDetails c)
    {
        var request = c.Request;
        json.WriteStartObject("Config");
        json.WriteString("Hostname", c.Hostname);
        json.WriteString("Domainname", string.Empty);
        json.WriteString("User", c.User);
        json.WriteBoolean("AttachStdin", request.OpenStdin && request.StdinOnce);
        json.WriteBoolean("AttachStdout", true);
        json.WriteBoolean("AttachStderr", true);
        json.WriteBoolean("Tty", request.Spec.Tty);
        json.WriteBoolean("OpenStdin", request.OpenStdin);
        json.WriteBoolean("StdinOnce", request.StdinOnce);
        Strings(json, "Env", c.Env, nullWhenEmpty: false);
        Strings(json, "Cmd", c.Cmd, nullWhenEmpty: true);
        json.WriteString("Image", request.Image);
        json.WriteNull("Volumes");
        json.WriteString("WorkingDir", c.WorkingDir);
        Strings(json, "Entrypoint", c.Entrypoint, nullWhenEmpty: true);
        json.WriteNull("OnBuild");
        Map(json, "Labels", c.Labels);
        json.WriteString("StopSignal", c.StopSignal);
        if (request.StopTimeout is { } timeout)
        {
            json.WriteNumber("StopTimeout", timeout);
        }

        json.WriteEndObject();
    }

    private static void WriteNetworkSettings(Utf8JsonWriter json, string network)
    {
        json.WriteStartObject("NetworkSettings");
        foreach (string empty in new[] { "Bridge", "SandboxID", "SandboxKey", "Gateway", "IPAddress", "MacAddress" })
        {
            json.WriteString(empty, string.Empty);
        }

        json.WriteNumber("IPPrefixLen", 0);
        json.WriteStartObject("Ports");
        json.WriteEndObject();
        json.WriteStartObject("Networks");
        json.WriteStartObject(network);
        foreach (string empty in new[] { "NetworkID", "EndpointID", "Gateway", "IPAddress", "MacAddress" })
        {
            json.WriteString(empty, string.Empty);
        }

        json.WriteNumber("IPPrefixLen", 0);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

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
