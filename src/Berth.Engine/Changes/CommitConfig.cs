using Berth.Core.Engine;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Engine.Changes;

/// <summary>
/// The config of a committed image, as dockerd makes it: the image's, with the container's own config (its command,
/// environment, user, working folder and labels as it runs) and then the <c>--change</c>s in place of the image's
/// defaults, one more diff ID, and a history entry naming the container's command.
/// </summary>
internal static class CommitConfig
{
    public static ImageConfig Of(ImageConfig image, ContainerRecord record, ContainerCommit request, Digest diffId, DateTimeOffset now)
    {
        var entry = new HistoryEntry
        {
            Created = now,
            Author = NullIfEmpty(request.Author),
            CreatedBy = string.Join(' ', record.Cmd),
            Comment = NullIfEmpty(request.Message),
        };
        return image with
        {
            Created = now,
            Author = NullIfEmpty(request.Author),
            Config = ConfigChanges.Apply(ContainerDefaults(image.Config, record), request.Changes),
            RootFs = new RootFs { DiffIds = [.. image.RootFs.DiffIds, diffId] },
            History = [.. image.History, entry],
        };
    }

    private static ContainerConfig ContainerDefaults(ContainerConfig? image, ContainerRecord record) => (image ?? new ContainerConfig()) with
    {
        User = NullIfEmpty(record.User),
        Env = record.Env.Count > 0 ? record.Env : null,
        Entrypoint = record.Entrypoint.Count > 0 ? record.Entrypoint : null,
        Cmd = record.Cmd.Count > 0 ? record.Cmd : null,
        WorkingDir = NullIfEmpty(record.WorkingDir),
        Labels = record.Labels.Count > 0 ? record.Labels : null,
        StopSignal = record.Request.StopSignal ?? image?.StopSignal,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
