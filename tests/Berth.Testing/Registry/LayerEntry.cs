namespace Berth.Testing.Registry;

/// <summary>
/// One tar entry of a <see cref="TestLayer"/>: no content is a folder, <see cref="Link"/> a symlink,
/// <see cref="HardLink"/> a hard link to an earlier path of the same layer. OCI whiteouts are plain (empty) files
/// named <c>.wh.&lt;name&gt;</c>, or <c>.wh..wh..opq</c> for an opaque folder.
/// </summary>
public sealed record LayerEntry(string Path, byte[]? Content = null, string? Link = null, UnixFileMode Mode = (UnixFileMode)0b111_101_101)
{
    public int Uid { get; init; }

    public int Gid { get; init; }

    public string? HardLink { get; init; }

    /// <summary>Extended attributes, written as PAX <c>SCHILY.xattr.*</c> records.</summary>
    public IReadOnlyDictionary<string, string>? Xattrs { get; init; }

    /// <summary>A regular file holding <paramref name="text"/>, mode 0644.</summary>
    public static LayerEntry File(string path, string text) => new(path, System.Text.Encoding.UTF8.GetBytes(text), Mode: (UnixFileMode)0b110_100_100);

    /// <summary>A whiteout of <paramref name="path"/> (its folder's <c>.wh.&lt;name&gt;</c>).</summary>
    public static LayerEntry Whiteout(string path)
    {
        string folder = System.IO.Path.GetDirectoryName(path) ?? string.Empty;
        return new(System.IO.Path.Combine(folder, ".wh." + System.IO.Path.GetFileName(path)), []);
    }

    /// <summary>Marks <paramref name="folder"/> opaque: what lower layers had in it is hidden.</summary>
    public static LayerEntry Opaque(string folder) => new(System.IO.Path.Combine(folder, ".wh..wh..opq"), []);
}
