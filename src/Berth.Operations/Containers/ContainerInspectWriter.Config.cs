using System.Text.Json;
using Berth.Core.Engine;

namespace Berth.Operations.Containers;

internal static partial class ContainerInspectWriter
{
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
        json.WriteBoolean("AttachStdout", request.AttachStdout);
        json.WriteBoolean("AttachStderr", request.AttachStderr);
        json.WriteBoolean("Tty", request.Spec.Tty);
        json.WriteBoolean("OpenStdin", request.OpenStdin);
        json.WriteBoolean("StdinOnce", request.StdinOnce);
        Strings(json, "Env", c.Env, nullWhenEmpty: true);
        Strings(json, "Cmd", c.Cmd, nullWhenEmpty: true);
        json.WriteString("Image", request.Image);
        json.WriteNull("Volumes");
        json.WriteString("WorkingDir", c.WorkingDir);
        Strings(json, "Entrypoint", c.Entrypoint, nullWhenEmpty: true);
        json.WriteNull("OnBuild");
        Map(json, "Labels", c.Labels);
        // dockerd leaves the default out: only a signal the flag or the image chose is shown.
        if (request.StopSignal is not null || c.StopSignal != "SIGTERM")
        {
            json.WriteString("StopSignal", c.StopSignal);
        }

        if (request.StopTimeout is { } timeout)
        {
            json.WriteNumber("StopTimeout", timeout);
        }

        json.WriteEndObject();
    }
}
