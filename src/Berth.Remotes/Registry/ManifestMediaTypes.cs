using System.Text.Json;
using Berth.Oci;

namespace Berth.Remotes.Registry;

/// <summary>The manifest kinds berth reads, and how to tell them when a registry does not say.</summary>
internal static class ManifestMediaTypes
{
    public const string DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
    public const string DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /// <summary>Every kind in use, so that the registry never converts down to schema 1.</summary>
    public static string Accept { get; } = string.Join(", ",
        MediaTypes.OciIndex, MediaTypes.DockerManifestList, MediaTypes.OciManifest, MediaTypes.DockerManifest, "*/*;q=0.8");

    public static bool IsManifest(string? mediaType) => mediaType is MediaTypes.OciManifest or MediaTypes.OciIndex
        or MediaTypes.DockerManifest or MediaTypes.DockerManifestList;

    public static bool IsSchema1(string? mediaType) => mediaType is DockerSchema1 or DockerSchema1Signed;

    /// <summary>
    /// The kind of a manifest whose Content-Type says nothing useful (<c>application/json</c>, <c>text/plain</c>):
    /// its mediaType field, else its shape. Schema 1 comes back as such, for the caller to refuse.
    /// </summary>
    public static string? Sniff(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("mediaType", out var mediaType) && mediaType.ValueKind == JsonValueKind.String
                && (IsManifest(mediaType.GetString()) || IsSchema1(mediaType.GetString())))
            {
                return mediaType.GetString();
            }

            return root.TryGetProperty("schemaVersion", out var version) && version.ValueKind == JsonValueKind.Number && version.GetInt32() == 1
                    ? DockerSchema1
                : root.TryGetProperty("manifests", out _) ? MediaTypes.OciIndex
                : root.TryGetProperty("config", out _) && root.TryGetProperty("layers", out _) ? MediaTypes.OciManifest
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
