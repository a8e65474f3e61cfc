using Berth.Core.Engine;

namespace Berth.Operations.Volumes;

/// <summary>
/// A volume as docker's CLI shows it: the fields of <c>volume ls --format</c> (those of swarm's cluster volumes are
/// "N/A", as docker prints them for a local volume), and its labels with docker's mark of an anonymous volume.
/// </summary>
internal static class VolumeRows
{
    /// <summary>dockerd labels the volumes it makes for a container so; <c>volume prune</c> finds them by it.</summary>
    public const string AnonymousLabel = "com.docker.volume.anonymous";

    public static IReadOnlyDictionary<string, string> Headers { get; } = new Dictionary<string, string>
    {
        ["Driver"] = "DRIVER", ["Name"] = "VOLUME NAME", ["Scope"] = "SCOPE", ["Mountpoint"] = "MOUNTPOINT", ["Labels"] = "LABELS",
        ["Links"] = "LINKS", ["Size"] = "SIZE", ["Group"] = "GROUP", ["Availability"] = "AVAILABILITY", ["Status"] = "STATUS",
    };

    public static IReadOnlyDictionary<string, string> Of(Volume volume) => new Dictionary<string, string>
    {
        ["Availability"] = "N/A",
        ["Driver"] = volume.Driver,
        ["Group"] = "N/A",
        // docker joins them in its map's random order; sorted here, so that output can be compared.
        ["Labels"] = string.Join(',', LabelsOf(volume).Select(l => $"{l.Key}={l.Value}").Order(StringComparer.Ordinal)),
        ["Links"] = "N/A",
        ["Mountpoint"] = volume.Mountpoint,
        ["Name"] = volume.Name,
        ["Scope"] = "local",
        ["Size"] = "N/A",
        ["Status"] = "N/A",
    };

    /// <summary>The volume's labels, plus <see cref="AnonymousLabel"/> on one made for a container, as dockerd shows them.</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(Volume volume)
    {
        if (!volume.Anonymous || volume.Labels.ContainsKey(AnonymousLabel))
        {
            return volume.Labels;
        }

        return new Dictionary<string, string>(volume.Labels, StringComparer.Ordinal) { [AnonymousLabel] = string.Empty };
    }
}
