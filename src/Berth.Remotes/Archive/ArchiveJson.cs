using System.Text.Json.Serialization;

namespace Berth.Remotes.Archive;

/// <summary>
/// One image of docker's <c>manifest.json</c>: the config's and the layers' paths in the archive, and the names
/// (docker's familiar form, busybox:latest). Written as docker writes it; read case-insensitively.
/// </summary>
internal sealed record DockerManifestEntry
{
    [JsonPropertyName("Config")]
    public string Config { get; init; } = string.Empty;

    [JsonPropertyName("RepoTags")]
    public IReadOnlyList<string>? RepoTags { get; init; }

    [JsonPropertyName("Layers")]
    public IReadOnlyList<string> Layers { get; init; } = [];
}

/// <summary>The <c>oci-layout</c> file of an OCI image layout.</summary>
internal sealed record OciLayoutFile
{
    public const string CurrentVersion = "1.0.0";

    [JsonPropertyName("imageLayoutVersion")]
    public string ImageLayoutVersion { get; init; } = CurrentVersion;
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(List<DockerManifestEntry>))]
[JsonSerializable(typeof(OciLayoutFile))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(SortedDictionary<string, SortedDictionary<string, string>>))]
internal sealed partial class ArchiveJsonContext : JsonSerializerContext;
