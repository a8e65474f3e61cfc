using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Berth.Oci;

/// <summary>
/// An image reference as docker normalises it: <c>busybox</c> is <c>docker.io/library/busybox:latest</c>,
/// <c>user/app@sha256:…</c> is <c>docker.io/user/app@sha256:…</c>, <c>localhost:5000/x</c> keeps its registry.
/// </summary>
public sealed partial record ImageReference
{
    /// <summary>Docker Hub's canonical registry name.</summary>
    public const string DockerHub = "docker.io";

    private ImageReference(string registry, string repository, string? tag, Digest? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host, with its port if any: <c>docker.io</c>, <c>127.0.0.1:5000</c>.</summary>
    public string Registry { get; }

    /// <summary>The path in the registry: <c>library/busybox</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag; <c>latest</c> when neither tag nor digest was given.</summary>
    public string? Tag { get; }

    /// <summary>The digest, when the reference pins one.</summary>
    public Digest? Digest { get; }

    /// <summary><c>registry/repository</c>.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>What the registry API is asked for: the digest if pinned, else the tag.</summary>
    public string ManifestKey => Digest?.ToString() ?? Tag!;

    /// <summary>The short form docker prints: <c>busybox:latest</c>, <c>user/app:v1</c>, <c>host:5000/x:y</c>.</summary>
    public string Familiar
    {
        get
        {
            string name = Registry != DockerHub ? Name
                : Repository.StartsWith("library/", StringComparison.Ordinal) && Repository.IndexOf('/', 8) < 0 ? Repository[8..]
                : Repository;
            return name + Suffix;
        }
    }

    /// <summary>The same name with another tag (and no digest).</summary>
    public ImageReference WithTag(string tag) => new(Registry, Repository, ValidateTag(tag), null);

    /// <summary>The same name pinned to a digest (the tag is kept).</summary>
    public ImageReference WithDigest(Digest digest) => new(Registry, Repository, Tag, digest);

    /// <summary>Parses and normalises; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static ImageReference Parse(string text)
        => TryParse(text, out var reference, out string? error) ? reference : throw new FormatException(error);

    /// <summary>Parses and normalises without throwing; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "invalid reference format: the reference is empty";
            return false;
        }

        string rest = text;
        Digest? digest = null;
        int at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!Oci.Digest.TryParse(rest[(at + 1)..], out var parsed))
            {
                error = $"invalid reference format: \"{rest[(at + 1)..]}\" is not a digest";
                return false;
            }

            digest = parsed;
            rest = rest[..at];
        }

        string? tag = null;
        int colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                error = $"invalid reference format: tag \"{tag}\" may hold letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'";
                return false;
            }
        }

        var (registry, repository) = SplitRegistry(rest);
        if (repository.Any(char.IsAsciiLetterUpper))
        {
            error = $"invalid reference format: repository name ({repository}) must be lowercase";
            return false;
        }

        if (!RepositoryPattern().IsMatch(repository) || !RegistryPattern().IsMatch(registry) || registry.Length + repository.Length + 1 > 255)
        {
            error = $"invalid reference format: \"{text}\" is not a valid image name";
            return false;
        }

        reference = new ImageReference(registry, repository, tag ?? (digest is null ? "latest" : null), digest);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Name + Suffix;

    private string Suffix => (Tag is null ? string.Empty : ":" + Tag) + (Digest is null ? string.Empty : "@" + Digest);

    // docker's rule: the first component names a registry when it has a '.' or a ':' or is "localhost".
    private static (string Registry, string Repository) SplitRegistry(string name)
    {
        int slash = name.IndexOf('/', StringComparison.Ordinal);
        string first = slash < 0 ? string.Empty : name[..slash];
        if (slash < 0 || (!first.Contains('.', StringComparison.Ordinal) && !first.Contains(':', StringComparison.Ordinal) && first != "localhost"))
        {
            return (DockerHub, slash < 0 ? "library/" + name : name);
        }

        string registry = first == "index.docker.io" ? DockerHub : first;
        string repository = name[(slash + 1)..];
        return (registry, registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal) ? "library/" + repository : repository);
    }

    private static string ValidateTag(string tag)
        => TagPattern().IsMatch(tag) ? tag : throw new FormatException($"invalid tag \"{tag}\"");

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryPattern();
}
