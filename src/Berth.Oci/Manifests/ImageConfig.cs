using System.Text.Json.Serialization;
using Berth.Oci.Manifests.Json;

namespace Berth.Oci.Manifests;

/// <summary>
/// An image config (OCI image spec "Image Configuration"; Docker's image JSON has the same fields): the platform, the
/// defaults of a container run from the image, the layers' diff IDs and the build history.
/// </summary>
public sealed record ImageConfig
{
    /// <summary>When the image was made; null when absent or not an RFC 3339 time.</summary>
    [JsonPropertyName("created"), JsonPropertyOrder(0), JsonConverter(typeof(LenientTimestampConverter))]
    public DateTimeOffset? Created { get; init; }

    /// <summary>Who made the image.</summary>
    [JsonPropertyName("author"), JsonPropertyOrder(1)]
    public string? Author { get; init; }

    /// <summary>The CPU architecture, in Go's names: <c>amd64</c>, <c>arm64</c>.</summary>
    [JsonPropertyName("architecture"), JsonPropertyOrder(2)]
    public string Architecture { get; init; } = string.Empty;

    /// <summary>The CPU variant, such as <c>v7</c>.</summary>
    [JsonPropertyName("variant"), JsonPropertyOrder(3)]
    public string? Variant { get; init; }

    /// <summary>The operating system: <c>linux</c>.</summary>
    [JsonPropertyName("os"), JsonPropertyOrder(4)]
    public string Os { get; init; } = string.Empty;

    /// <summary>The operating system version (Windows images).</summary>
    [JsonPropertyName("os.version"), JsonPropertyOrder(5)]
    public string? OsVersion { get; init; }

    /// <summary>Required operating system features.</summary>
    [JsonPropertyName("os.features"), JsonPropertyOrder(6)]
    public IReadOnlyList<string> OsFeatures { get; init; } = [];

    /// <summary>The defaults of containers run from the image.</summary>
    [JsonPropertyName("config"), JsonPropertyOrder(7)]
    public ContainerConfig? Config { get; init; }

    /// <summary>The layers' uncompressed digests.</summary>
    [JsonPropertyName("rootfs"), JsonPropertyOrder(8)]
    public RootFs RootFs { get; init; } = new();

    /// <summary>How each layer was made, base first; empty-layer entries made no layer.</summary>
    [JsonPropertyName("history"), JsonPropertyOrder(9)]
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>The platform the config declares.</summary>
    [JsonIgnore]
    public Platform Platform => new(Os, Architecture) { Variant = Variant, OsVersion = OsVersion, OsFeatures = OsFeatures };
}

/// <summary>The layers of an image as the config records them.</summary>
public sealed record RootFs
{
    /// <summary>Always <c>layers</c>.</summary>
    [JsonPropertyName("type"), JsonPropertyOrder(0)]
    public string Type { get; init; } = "layers";

    /// <summary>The digest of each layer's uncompressed tar, base first.</summary>
    [JsonPropertyName("diff_ids"), JsonPropertyOrder(1)]
    public IReadOnlyList<Digest> DiffIds { get; init; } = [];
}

/// <summary>One step of an image's build.</summary>
public sealed record HistoryEntry
{
    /// <summary>When the step ran.</summary>
    [JsonPropertyName("created"), JsonPropertyOrder(0), JsonConverter(typeof(LenientTimestampConverter))]
    public DateTimeOffset? Created { get; init; }

    /// <summary>The command of the step, such as <c>/bin/sh -c #(nop) CMD ["sh"]</c>.</summary>
    [JsonPropertyName("created_by"), JsonPropertyOrder(1)]
    public string? CreatedBy { get; init; }

    /// <summary>Who ran the step.</summary>
    [JsonPropertyName("author"), JsonPropertyOrder(2)]
    public string? Author { get; init; }

    /// <summary>A comment.</summary>
    [JsonPropertyName("comment"), JsonPropertyOrder(3)]
    public string? Comment { get; init; }

    /// <summary>True when the step made no layer (so it has no diff ID).</summary>
    [JsonPropertyName("empty_layer"), JsonPropertyOrder(4)]
    public bool EmptyLayer { get; init; }
}
