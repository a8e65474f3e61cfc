using System.Text;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Oci.Manifests;
using Berth.Remotes.Tests.Pull;

namespace Berth.Remotes.Tests.Archive;

public sealed class ArchiveExportTests
{
    private static readonly TestLayer Base = TestLayer.Build(LayerCompression.Gzip, ("etc/", null), ("etc/hostname", "one\n"));
    private static readonly TestLayer Top = TestLayer.Build(LayerCompression.None, ("etc/added", "two\n"));

    [Fact]
    public async Task Export_DockerFormat_Docker25LayoutWithEveryBlobOnce()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();
        var image = TestImage.Of("linux/amd64", Base, Top);
        await fixture.SeedAsync("src", image, "docker.io/library/app:v1", "docker.io/library/app:v2", "docker.io/library/app@" + image.Root.Digest);

        var archive = await fixture.ExportAsync("src", new ImageExportRequest([new("docker.io/library/app:v1"), new("docker.io/library/app:v2")]));

        var entries = ArchiveFixture.Entries(archive);
        string[] blobs = [.. image.Blobs.Keys.Select(ArchiveFixture.Blob).Order(StringComparer.Ordinal)];
        Assert.Equal(["blobs/", "blobs/sha256/", .. blobs, "index.json", "manifest.json", "oci-layout", "repositories"], entries.Select(e => e.Name));
        foreach (var (name, _, content) in entries.Where(e => e.Name.StartsWith("blobs/sha256/", StringComparison.Ordinal) && e.Name.Length > 13))
        {
            Assert.Equal(name, ArchiveFixture.Blob(Digest.Sha256(content)));
        }

        var manifest = image.Manifest();
        Assert.Equal(
            $"[{{\"Config\":\"{ArchiveFixture.Blob(manifest.Config.Digest)}\",\"RepoTags\":[\"app:v1\",\"app:v2\"],\"Layers\":[\"{ArchiveFixture.Blob(Base.Descriptor.Digest)}\",\"{ArchiveFixture.Blob(Top.Descriptor.Digest)}\"]}}]",
            Text(entries, "manifest.json"));
        Assert.Equal("{\"imageLayoutVersion\":\"1.0.0\"}", Text(entries, "oci-layout"));
        var index = ManifestJson.ParseIndex(entries.Single(e => e.Name == "index.json").Content);
        Assert.Equal([image.Root.Digest, image.Root.Digest], index.Manifests.Select(m => m.Digest));
        Assert.Equal(["docker.io/library/app:v1", "docker.io/library/app:v2"], index.Manifests.Select(m => m.Annotations["io.containerd.image.name"]));
        Assert.Equal(["v1", "v2"], index.Manifests.Select(m => m.Annotations["org.opencontainers.image.ref.name"]));
        using var repositories = JsonDocument.Parse(Text(entries, "repositories"));
        Assert.Equal(Top.Descriptor.Digest.Encoded, repositories.RootElement.GetProperty("app").GetProperty("v2").GetString());
    }

    [Fact]
    public async Task Export_OciFormatAndAnImageById_NoDockerFilesNoNames()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();
        var image = TestImage.Of("linux/amd64", Base);
        await fixture.SeedAsync("src", image, "docker.io/library/app:v1");

        var archive = await fixture.ExportAsync("src", new ImageExportRequest([new("docker.io/library/app:v1", Untagged: true)]) { Format = ArchiveFormat.Oci });

        var entries = ArchiveFixture.Entries(archive);
        Assert.DoesNotContain(entries, e => e.Name is "manifest.json" or "repositories");
        var only = Assert.Single(ManifestJson.ParseIndex(entries.Single(e => e.Name == "index.json").Content).Manifests);
        Assert.Empty(only.Annotations);
        Assert.Equal(image.Root.Digest, only.Digest);
    }

    [Fact]
    public async Task Export_IndexImage_WritesOnlyTheHostPlatformsManifest()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();
        var amd64 = TestImage.Of("linux/amd64", Base);
        var arm64 = TestImage.Of("linux/arm64", Top);
        var index = TestImage.Index(amd64, arm64);
        await fixture.SeedAsync("src", index, "docker.io/library/multi:v1");

        var archive = await fixture.ExportAsync("src", new ImageExportRequest([new("docker.io/library/multi:v1")]) { Platform = Platforms.Parse("linux/arm64") });

        var entries = ArchiveFixture.Entries(archive);
        Assert.Equal(arm64.Root.Digest, Assert.Single(ManifestJson.ParseIndex(entries.Single(e => e.Name == "index.json").Content).Manifests).Digest);
        Assert.Contains(entries, e => e.Name == ArchiveFixture.Blob(Top.Descriptor.Digest));
        Assert.DoesNotContain(entries, e => e.Name == ArchiveFixture.Blob(Base.Descriptor.Digest));
    }

    [Fact]
    public async Task Export_LayerMissingFromTheStore_FailsBeforeWritingAnything()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();
        var image = TestImage.Of("linux/amd64", Base);
        await fixture.SeedAsync("src", image with { Blobs = image.Blobs.Where(b => b.Key != Base.Descriptor.Digest).ToDictionary() }, "docker.io/library/app:v1");
        var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(async () => await fixture.Archives.ExportAsync(fixture.Scope("src"),
            new ImageExportRequest([new("docker.io/library/app:v1")]), output, ArchiveFixture.Token));

        Assert.Contains(Base.Descriptor.Digest.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task Export_ImageRemovedAndCollectedWhileWriting_ArchiveStillHasEveryBlobAndTheLeaseGoes()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();
        var image = TestImage.Of("linux/amd64", Base, Top);
        await fixture.SeedAsync("src", image, "docker.io/library/app:v1");
        var scope = fixture.Scope("src");
        var output = new InterruptingStream(async () =>
        {
            await scope.Images.DeleteAsync("docker.io/library/app:v1", synchronous: true, ArchiveFixture.Token);
            await fixture.Storage.Metadata.GarbageCollector.CollectAsync(ArchiveFixture.Token);
        });

        await fixture.Archives.ExportAsync(scope, new ImageExportRequest([new("docker.io/library/app:v1")]), output, ArchiveFixture.Token);

        Assert.True(output.Interrupted);
        var entries = ArchiveFixture.Entries(output.ToArray());
        foreach (var digest in image.Blobs.Keys)
        {
            Assert.Contains(entries, e => e.Name == ArchiveFixture.Blob(digest));
        }

        Assert.Empty(await scope.Leases.ListAsync(cancellationToken: ArchiveFixture.Token).ToListAsync(ArchiveFixture.Token));
        await fixture.Storage.Metadata.GarbageCollector.CollectAsync(ArchiveFixture.Token);
        await Assert.ThrowsAsync<NotFoundException>(async () => await scope.Content.InfoAsync(Base.Descriptor.Digest, ArchiveFixture.Token));
    }

    private static string Text(List<(string Name, System.Formats.Tar.TarEntryType Type, byte[] Content)> entries, string name)
        => Encoding.UTF8.GetString(entries.Single(e => e.Name == name).Content);

    // Runs an action (a removal and a collection) at the first write, while the export is under way.
    private sealed class InterruptingStream(Func<Task> interruption) : MemoryStream
    {
        public bool Interrupted { get; private set; }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => await WriteAsync(buffer.AsMemory(offset, count), cancellationToken);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!Interrupted)
            {
                Interrupted = true;
                await interruption();
            }

            await base.WriteAsync(buffer, cancellationToken);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (!Interrupted)
            {
                Interrupted = true;
                interruption().GetAwaiter().GetResult();
            }

            base.Write(buffer, offset, count);
        }
    }
}
