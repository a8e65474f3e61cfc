using Berth.Operations.Output;

namespace Berth.Operations.Containers.Files;

/// <summary>What a copy's destination is: its path, and whether something (a folder or not) is there.</summary>
public sealed record CopyDestination(string Path, bool Exists, bool IsDirectory);

/// <summary>
/// docker cp's rules, as a plan: the tar of the source (its entries named after <see cref="From"/>) is unpacked into
/// <see cref="Folder"/> with that first name changed to <see cref="To"/>.
/// </summary>
/// <param name="Folder">The existing folder the entries are unpacked into.</param>
/// <param name="From">The name the source's entries start with (<c>.</c> for a folder's contents).</param>
/// <param name="To">The name they get there.</param>
public sealed record CopyPlan(string Folder, string From, string To)
{
    /// <summary>
    /// Plans copying <paramref name="sourcePath"/> (a folder or not; <paramref name="sourceName"/> when a followed link
    /// gives it another name than its own) to <paramref name="destination"/>: into a folder that exists, over a file that
    /// exists (not with a folder: <c>cannot copy directory</c>), or as a new name whose parent folder exists (a new name
    /// ending in <c>/</c> must be a folder: <c>no such directory</c>).
    /// </summary>
    public static CopyPlan Make(string sourcePath, bool sourceIsDirectory, string? sourceName, CopyDestination destination)
    {
        string from = Split(sourcePath).Name;
        var (folder, name) = Split(destination.Path);
        if (destination.Exists && destination.IsDirectory)
        {
            return new CopyPlan(destination.Path, from, sourceName ?? from);
        }

        if (destination.Exists && sourceIsDirectory)
        {
            throw new ClientException("cannot copy directory");
        }

        if (!destination.Exists && !sourceIsDirectory && (destination.Path.EndsWith('/') || destination.Path.EndsWith("/.", StringComparison.Ordinal)))
        {
            throw new ClientException("no such directory");
        }

        return new CopyPlan(folder, from, name);
    }

    /// <summary>
    /// A path's folder and last name, a trailing <c>/.</c> kept as the name <c>.</c> (the folder's contents): <c>/a/b/</c>
    /// is (<c>/a</c>, <c>b</c>), <c>/a/b/.</c> is (<c>/a/b</c>, <c>.</c>), <c>b</c> is (<c>.</c>, <c>b</c>).
    /// </summary>
    public static (string Folder, string Name) Split(string path)
    {
        if (path == "." || path.EndsWith("/.", StringComparison.Ordinal))
        {
            string folder = path.Length > 2 ? path[..^2].TrimEnd('/') : (path.StartsWith('/') ? "/" : ".");
            return (folder.Length == 0 ? "/" : folder, ".");
        }

        string trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0)
        {
            return ("/", ".");
        }

        int slash = trimmed.LastIndexOf('/');
        return slash < 0 ? (".", trimmed) : (slash == 0 ? "/" : trimmed[..slash], trimmed[(slash + 1)..]);
    }

    /// <summary>
    /// An entry's name as it is unpacked: its first part <see cref="From"/> becomes <see cref="To"/>; null for an entry
    /// that is the destination folder itself (a folder's contents copied into a folder).
    /// </summary>
    public string? Rename(string entryName)
    {
        string name = string.Join('/', entryName.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != "."));
        string rest;
        if (From == ".")
        {
            rest = name;
        }
        else if (name == From || name.StartsWith(From + "/", StringComparison.Ordinal))
        {
            rest = name[From.Length..].TrimStart('/');
        }
        else
        {
            return name.Length == 0 ? null : name;
        }

        string renamed = To == "." ? rest : rest.Length == 0 ? To : To + "/" + rest;
        return renamed.Length == 0 ? null : renamed;
    }
}
