using System.Text.Encodings.Web;
using System.Text.Json;

namespace Berth.Integration.Tests.Oracle;

/// <summary>
/// <c>docker inspect</c>'s document as compared lines: the members of the top level and of its main objects, in
/// their order (a template or a script reads them by name), then the values a user of the session would look at.
/// </summary>
internal static class InspectProjection
{
    private static readonly string[] KeySets =
        ["", "State", "Config", "HostConfig", "GraphDriver", "NetworkSettings", "NetworkSettings.Networks", "NetworkSettings.Networks.none"];

    private static readonly string[] Values =
    [
        "Path", "Args", "State.Status", "State.Running", "State.Paused", "State.Restarting", "State.OOMKilled", "State.Dead", "State.Pid",
        "State.ExitCode", "State.Error", "State.StartedAt", "State.FinishedAt", "Image", "LogPath", "Name", "RestartCount", "Driver",
        "GraphDriver.Name", "Mounts", "ExecIDs", "Config.Hostname", "Config.User", "Config.AttachStdin", "Config.AttachStdout",
        "Config.AttachStderr", "Config.Tty", "Config.OpenStdin", "Config.Env", "Config.Cmd", "Config.Image", "Config.WorkingDir",
        "Config.Entrypoint", "Config.Labels", "Config.StopSignal", "HostConfig.Binds", "HostConfig.LogConfig", "HostConfig.NetworkMode",
        "HostConfig.RestartPolicy", "HostConfig.AutoRemove", "HostConfig.Privileged", "HostConfig.ShmSize", "HostConfig.Runtime",
        "HostConfig.IpcMode", "HostConfig.PidMode", "HostConfig.CgroupnsMode", "HostConfig.Memory", "HostConfig.PidsLimit",
        "NetworkSettings.IPAddress",
    ];

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEnumerable<(string Field, string Value)> Of(string stdout)
    {
        using var document = JsonDocument.Parse(stdout);
        var container = document.RootElement[0];
        foreach (string path in KeySets)
        {
            string keys = Find(container, path) is { ValueKind: JsonValueKind.Object } found
                ? string.Join(',', found.EnumerateObject().Select(p => p.Name))
                : "(absent)";
            yield return ($"keys of {(path.Length == 0 ? "the top level" : "." + path)}", keys);
        }

        foreach (string path in Values)
        {
            yield return ("." + path, Find(container, path) is { } value ? Text(path, value) : "(absent)");
        }
    }

    private static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (string name in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    // Compact JSON, so that a list or an object reads on one line; a running container's pid is the host's.
    private static string Text(string path, JsonElement value)
    {
        if (path == "State.Pid" && value.GetInt32() > 0)
        {
            return "<pid>";
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Compact))
        {
            value.WriteTo(json);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
