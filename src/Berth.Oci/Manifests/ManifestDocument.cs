using System.Text.Json.Serialization;

namespace Berth.Oci.Manifests;

/// <summary>
/// What image manifests and indexes share (OCI image spec; Docker's schema 2 manifest and manifest list have the same
/// shape). Parse and write them with <see cref="ManifestJson"/>.
/// </summary>
public abstract record ManifestDocument
{
    /// <summary>Always 2 for the formats berth reads.</summary>
    [JsonPropertyName("schemaVersion"), JsonPropertyOrder(0)]
    public int SchemaVersion { get; init; } = 2;

    /// <summary>The media type the document declares; optional in OCI, required by Docker's formats.</summary>
    [JsonPropertyName("mediaType"), JsonPropertyOrder(1)]
    public string? MediaType { get; init; }

    /// <summary>The type of an artifact, when the document describes one rather than an image (OCI 1.1).</summary>
    [JsonPropertyName("artifactType"), JsonPropertyOrder(2)]
    public string? ArtifactType { get; init; }

    /// <summary>The manifest this one refers to, as a signature or an SBOM does (OCI 1.1).</summary>
    [JsonPropertyName("subject"), JsonPropertyOrder(5)]
    public Descriptor? Subject { get; init; }

    /// <summary>Free-form annotations.</summary>
    [JsonPropertyName("annotations"), JsonPropertyOrder(6)]
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = Json.ManifestJsonOptions.EmptyMap;
}

/// <summary>An image manifest: one platform's config and layers, in order from the bottom.</summary>
public sealed record ImageManifest : ManifestDocument
{
    /// <summary>The image config blob.</summary>
    [JsonPropertyName("config"), JsonPropertyOrder(3)]
    public required Descriptor Config { get; init; }

    /// <summary>The layer blobs, base layer first.</summary>
    [JsonPropertyName("layers"), JsonPropertyOrder(4)]
    public IReadOnlyList<Descriptor> Layers { get; init; } = [];
}

/// <summary>An image index (or Docker manifest list): one manifest per platform.</summary>
public sealed record ImageIndex : ManifestDocument
{
    /// <summary>The manifests, each usually with the platform it is for.</summary>
    [JsonPropertyName("manifests"), JsonPropertyOrder(3)]
    public IReadOnlyList<Descriptor> Manifests { get; init; } = [];
}
