namespace Berth.Storage.Snapshots.Storage;

/// <summary>Listing and removing what lies under <c>{root}/snapshots</c>.</summary>
internal static class SnapshotFolders
{
    /// <summary>Everything in a folder, dot files included (the default options skip them).</summary>
    public static EnumerationOptions AllEntries { get; } = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
    };

    /// <summary>Deletes a folder tree (never following symlinks) or a file; nothing when it is already gone.</summary>
    public static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
