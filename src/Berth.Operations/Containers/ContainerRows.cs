using System.Globalization;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Oci;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

/// <summary>A container as a row of docker's <c>ps</c>: every field its templates know, worded as docker words them.</summary>
internal static class ContainerRows
{
    /// <summary>The fields' column titles.</summary>
    public static IReadOnlyDictionary<string, string> Headers { get; } = new Dictionary<string, string>
    {
        ["Command"] = "COMMAND", ["CreatedAt"] = "CREATED AT", ["ID"] = "CONTAINER ID", ["Image"] = "IMAGE", ["Labels"] = "LABELS",
        ["LocalVolumes"] = "LOCAL VOLUMES", ["Mounts"] = "MOUNTS", ["Names"] = "NAMES", ["Networks"] = "NETWORKS", ["Ports"] = "PORTS",
        ["RunningFor"] = "CREATED", ["Size"] = "SIZE", ["State"] = "STATE", ["Status"] = "STATUS",
    };

    public static Dictionary<string, string> Of(ContainerDetails c, bool noTrunc, DateTimeOffset now, string size)
    {
        string command = Command(c.Args);
        return new Dictionary<string, string>
        {
            ["Command"] = GoText.Quote(noTrunc ? command : GoText.Ellipsis(command, 20)),
            ["CreatedAt"] = c.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0000 UTC",
            ["ID"] = noTrunc ? c.Id : c.Id[..Math.Min(12, c.Id.Length)],
            ["Image"] = noTrunc ? c.Request.Image : Image(c),
            ["Labels"] = string.Join(',', c.Labels.Select(l => $"{l.Key}={l.Value}").Order(StringComparer.Ordinal)),
            ["LocalVolumes"] = "0",
            ["Mounts"] = string.Join(',', c.Mounts.Select(m => noTrunc ? m.Source : GoText.Ellipsis(m.Source, 15))),
            ["Names"] = c.Name,
            ["Networks"] = c.Request.Spec.NetworkNamespace == ContainerSpecOptions.HostNetwork ? "host" : "none",
            ["Ports"] = string.Empty,
            ["RunningFor"] = HumanUnits.Duration(now - c.Created) + " ago",
            ["Size"] = size,
            ["State"] = State(c.State),
            ["Status"] = Status(c.State, now),
        };
    }

    /// <summary>docker's state word: created, running, paused, restarting, removing, exited, dead.</summary>
    public static string State(ContainerState state) => state.Status switch
    {
        ContainerStatus.Running => "running",
        ContainerStatus.Paused => "paused",
        ContainerStatus.Restarting => "restarting",
        ContainerStatus.Removing => "removing",
        ContainerStatus.Dead => "dead",
        ContainerStatus.Exited when state.StartedAt is not null => "exited",
        _ => "created",
    };

    /// <summary>dockerd's status line: "Up 3 seconds", "Exited (0) 5 seconds ago", "Created", ….</summary>
    public static string Status(ContainerState state, DateTimeOffset now)
    {
        string Since(DateTimeOffset? time) => HumanUnits.Duration(now - (time ?? now));
        return state.Status switch
        {
            ContainerStatus.Running => "Up " + Since(state.StartedAt),
            ContainerStatus.Paused => $"Up {Since(state.StartedAt)} (Paused)",
            ContainerStatus.Restarting => $"Restarting ({state.ExitCode}) {Since(state.FinishedAt)} ago",
            ContainerStatus.Removing => "Removal In Progress",
            ContainerStatus.Dead => "Dead",
            _ when state.StartedAt is null => "Created",
            _ when state.FinishedAt is null => string.Empty,
            _ => $"Exited ({state.ExitCode}) {Since(state.FinishedAt)} ago",
        };
    }

    // dockerd's Command: the program, then its arguments, those with a space in single quotes.
    private static string Command(IReadOnlyList<string> args)
        => args.Count == 0 ? string.Empty : string.Join(' ', args.Select((a, i) => i > 0 && a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));

    // The image as typed, in docker's short form: without docker.io/library/, without a digest, with a tag only if typed.
    private static string Image(ContainerDetails c)
    {
        string typed = c.Request.Image;
        if (typed.Length == 0)
        {
            return "<no image>";
        }

        // An image given by id shows as its short id.
        string id = Truncate(c.ImageId);
        if (id.Length == 12 && Truncate(typed) == id)
        {
            return id;
        }

        if (!ImageReference.TryParse(typed, out var reference, out _))
        {
            return typed;
        }

        string familiar = reference.Familiar;
        familiar = reference.Digest is null ? familiar : familiar[..familiar.IndexOf('@', StringComparison.Ordinal)];
        string name = typed.Split('@')[0];
        bool tagged = name[(name.LastIndexOf('/') + 1)..].Contains(':', StringComparison.Ordinal);
        return tagged || reference.Tag is null ? familiar : familiar[..familiar.LastIndexOf(':')];
    }

    private static string Truncate(string id)
    {
        string hex = id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id;
        return hex.Length > 12 ? hex[..12] : hex;
    }
}
