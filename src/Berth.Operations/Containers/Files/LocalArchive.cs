using System.Formats.Tar;

namespace Berth.Operations.Containers.Files;

/// <summary>
/// A local file or tree as a tar to send into a container: .NET's tar writer reads each file's type, mode, owner, time
/// and link target; folders are walked in ordinal order.
/// </summary>
internal static class LocalArchive
{
    /// <summary>Writes <paramref name="path"/> (and a folder's tree) with its entries named after <paramref name="name"/>.</summary>
    public static async Task WriteAsync(string path, string name, Stream destination, CancellationToken cancellationToken)
    {
        await using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        await AddAsync(writer, path, name, cancellationToken);
    }

    private static async Task AddAsync(TarWriter writer, string path, string name, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        bool folder = info.Attributes.HasFlag(FileAttributes.Directory) && info.LinkTarget is null;
        await writer.WriteEntryAsync(path, folder && !name.EndsWith('/') ? name + "/" : name, cancellationToken);
        if (!folder)
        {
            return;
        }

        var children = Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).ToList();
        children.Sort(StringComparer.Ordinal);
        string prefix = name.TrimEnd('/') + "/";
        foreach (string? child in children)
        {
            await AddAsync(writer, Path.Join(path, child), prefix + child, cancellationToken);
        }
    }
}
