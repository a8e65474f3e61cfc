using System.Text;
using System.Text.Json.Nodes;
using Berth.Oci;

namespace Berth.Testing.Registry;

/// <summary>An OCI image index over images of several platforms, each entry naming its image's platform.</summary>
public sealed class TestImageIndex
{
    public TestImageIndex(params TestImage[] images)
    {
        Images = images;
        var manifests = new JsonArray();
        foreach (var image in images)
        {
            var entry = TestImage.Json(image.ManifestDescriptor);
            var platform = new JsonObject { ["architecture"] = image.Platform.Architecture, ["os"] = image.Platform.Os };
            if (!string.IsNullOrEmpty(image.Platform.Variant))
            {
                platform["variant"] = image.Platform.Variant;
            }

            entry["platform"] = platform;
            manifests.Add(entry);
        }

        Index = Encoding.UTF8.GetBytes(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = manifests }.ToJsonString());
        IndexDescriptor = new Descriptor(MediaTypes.OciIndex, Digest.Sha256(Index), Index.Length);
    }

    public IReadOnlyList<TestImage> Images { get; }

    public byte[] Index { get; }

    public Descriptor IndexDescriptor { get; }

    /// <summary>The image of <paramref name="architecture"/> (linux).</summary>
    public TestImage For(string architecture) => Images.Single(i => i.Platform.Architecture == architecture);
}
