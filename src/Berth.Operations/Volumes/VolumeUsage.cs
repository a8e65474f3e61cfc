using Berth.Client;

namespace Berth.Operations.Volumes;

/// <summary>What the client can learn of volumes besides their records: which ones containers use, and how big a folder is.</summary>
internal static class VolumeUsage
{
    /// <summary>The names of the volumes that some container (running or not) mounts.</summary>
    public static async Task<IReadOnlySet<string>> UsedAsync(IBerthClient client, CancellationToken cancellationToken)
        => (await client.Engine.ListAsync(cancellationToken))
            .SelectMany(c => c.Mounts).Where(m => m.Type == "volume" && m.Name.Length > 0).Select(m => m.Name)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The bytes under a volume's folder as dockerd counts them for prune: every entry but directories, a symbolic link
    /// by the length of its target, not followed. 0 when the folder cannot be read from here (berthd on another
    /// machine, or no permission): prune then reports less than it freed rather than failing.
    /// </summary>
    public static long FolderSize(string folder)
    {
        try
        {
            long total = 0;
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options))
            {
                total += entry switch
                {
                    { LinkTarget: { } target } => System.Text.Encoding.UTF8.GetByteCount(target),
                    FileInfo file => file.Length,
                    _ => 0,
                };
            }

            return total;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
