using Berth.Oci;

namespace Berth.Remotes.Archive;

/// <summary>The names of the files an archive holds, in docker's and the OCI image layout's terms.</summary>
internal static class ArchivePaths
{
    public const string DockerManifest = "manifest.json";
    public const string Repositories = "repositories";
    public const string OciIndex = "index.json";
    public const string OciLayout = "oci-layout";

    /// <summary>The OCI annotation naming an image in an index: only the tag, per the image spec.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>containerd's annotation with the image's full name.</summary>
    public const string ImageNameAnnotation = "io.containerd.image.name";

    /// <summary>Where a blob lives in an OCI layout: <c>blobs/sha256/&lt;hex&gt;</c>.</summary>
    public static string Blob(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Encoded}";

    /// <summary>The digest a path of the form <c>blobs/&lt;algorithm&gt;/&lt;encoded&gt;</c> promises, if it has that form.</summary>
    public static Digest? DigestOf(string path)
    {
        string[] parts = path.Split('/');
        return parts.Length == 3 && parts[0] == "blobs" && Digest.TryParse($"{parts[1]}:{parts[2]}", out var digest) ? digest : null;
    }

    /// <summary>
    /// A tar entry's name as a clean relative path: no leading <c>./</c> or <c>/</c>, no trailing <c>/</c>,
    /// <c>.</c> and <c>..</c> resolved; null for a name that leaves the archive.
    /// </summary>
    public static string? Clean(string name)
    {
        var parts = new List<string>();
        foreach (string part in name.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>Whether the file is one of the small documents read into memory rather than a blob.</summary>
    public static bool IsDocument(string path)
        => path is DockerManifest or Repositories or OciIndex or OciLayout
            || path.EndsWith("/json", StringComparison.Ordinal) || path.EndsWith("/VERSION", StringComparison.Ordinal);
}
