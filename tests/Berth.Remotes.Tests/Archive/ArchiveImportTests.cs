using System.IO.Compression;
using System.Text;
using Berth.Core.Errors;
using Berth.Core.Snapshots;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Oci.Manifests;
using Berth.Remotes.Tests.Pull;

namespace Berth.Remotes.Tests.Archive;

public sealed class ArchiveImportTests
{
    private static readonly TestLayer Base = TestLayer.Build(LayerCompression.Gzip, ("etc/", null), ("etc/hostname", "one\n"));
    private static readonly TestLayer Top = TestLayer.Build(LayerCompression.None, ("etc/added", "two\n"));

    [Fact]
    public async Task SaveThenLoad_OtherNamespace_SameTargetsNamesAndUnpacked()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();
        var image = TestImage.Of("linux/amd64", Base, Top);
        var other = TestImage.Of("linux/amd64", Top);
        await fixture.SeedAsync("src", image, "docker.io/library/app:v1");
        await fixture.SeedAsync("src", other, "127.0.0.1:5000/other:latest");
        byte[] archive = await fixture.ExportAsync("src", new ImageExportRequest([new("docker.io/library/app:v1"), new("127.0.0.1:5000/other:latest")]));

        var progress = await fixture.ImportAsync("dst", archive);

        var done = progress.Where(p => p.Status == TransferStatus.Done).Select(p => (p.Id, p.Detail)).ToList();
        Assert.Equal([("docker.io/library/app:v1", image.Manifest().Config.Digest.ToString()), ("127.0.0.1:5000/other:latest", other.Manifest().Config.Digest.ToString())], done);
        var records = (await fixture.ImagesAsync("dst")).OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
        Assert.Equal([("127.0.0.1:5000/other:latest", other.Root.Digest), ("docker.io/library/app:v1", image.Root.Digest)], records.Select(r => (r.Name, r.Target.Digest)));
        var top = ChainIds.Top(image.Config().RootFs.DiffIds);
        Assert.Equal(SnapshotKind.Committed, (await fixture.Scope("dst").Snapshotter(StorageStack.Native).StatAsync(top.ToString(), ArchiveFixture.Token)).Kind);
        Assert.Empty(await ListLeasesAsync(fixture, "dst"));
    }

    [Fact]
    public async Task Load_OldDockerLayoutWithALinkedLayer_MakesADockerManifest()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();
        var plain = TestLayer.Build(LayerCompression.None, ("hello", "world\n"));
        byte[] config = ManifestJson.Serialize(new ImageConfig { Architecture = "amd64", Os = "linux", RootFs = new RootFs { DiffIds = [plain.DiffId, plain.DiffId] } });
        var configDigest = Digest.Sha256(config);
        byte[] manifestJson = Encoding.UTF8.GetBytes($"[{{\"Config\":\"{configDigest.Encoded}.json\",\"RepoTags\":[\"old:v1\"],\"Layers\":[\"aaa/layer.tar\",\"bbb/layer.tar\"]}}]");
        byte[] archive = ArchiveFixture.Tar(("aaa/layer.tar", plain.Blob, null), ("aaa/json", "{}"u8.ToArray(), null), ("bbb/layer.tar", null, "../aaa/layer.tar"),
            ($"{configDigest.Encoded}.json", config, null), ("manifest.json", manifestJson, null));

        var progress = await fixture.ImportAsync("dst", archive);

        Assert.Equal(("docker.io/library/old:v1", configDigest.ToString()), progress.Where(p => p.Status == TransferStatus.Done).Select(p => (p.Id, p.Detail)).Single());
        var record = Assert.Single(await fixture.ImagesAsync("dst"));
        Assert.Equal(MediaTypes.DockerManifest, record.Target.MediaType);
        var manifest = ManifestJson.ParseManifest(await Core.Content.ContentReaderExtensions.ReadAllBytesAsync(fixture.Scope("dst").Content, record.Target.Digest, ArchiveFixture.Token));
        Assert.Equal([(MediaTypes.DockerLayer, plain.DiffId), (MediaTypes.DockerLayer, plain.DiffId)], manifest.Layers.Select(l => (l.MediaType, l.Digest)));
        Assert.Equal((MediaTypes.DockerConfig, configDigest), (manifest.Config.MediaType, manifest.Config.Digest));
    }

    [Fact]
    public async Task Load_DockerArchiveWithASavedIndex_KeepsTheIndexAsTarget()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();
        var host = TestImage.Of(Platforms.Format(Platforms.Host), Base);
        var other = TestImage.Of("linux/s390x", Top);
        var index = TestImage.Index(host, other);
        var hostManifest = host.Manifest();
        byte[] manifestJson = Encoding.UTF8.GetBytes(
            $"[{{\"Config\":\"{ArchiveFixture.Blob(hostManifest.Config.Digest)}\",\"RepoTags\":[\"multi:v1\"],\"Layers\":[\"{ArchiveFixture.Blob(Base.Descriptor.Digest)}\"]}}]");
        byte[] indexJson = ManifestJson.Serialize(new ImageIndex { Manifests = [index.Root] });
        byte[] archive = ArchiveFixture.Tar([.. index.Blobs.Where(b => !other.Blobs.ContainsKey(b.Key)).Select(b => (ArchiveFixture.Blob(b.Key), (byte[]?)b.Value, (string?)null)),
            ("index.json", indexJson, null), ("manifest.json", manifestJson, null)]);

        await fixture.ImportAsync("dst", archive);

        var record = Assert.Single(await fixture.ImagesAsync("dst"));
        Assert.Equal(("docker.io/library/multi:v1", index.Root.Digest), (record.Name, record.Target.Digest));
    }

    [Fact]
    public async Task Load_GzipOciArchiveNamedByABareTag_LoadsItUnnamed()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();
        var image = TestImage.Of("linux/amd64", Base);
        byte[] index = ManifestJson.Serialize(new ImageIndex
        {
            Manifests = [image.Root with { Annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = "latest" } }],
        });
        byte[] archive = Gzip(ArchiveFixture.Tar([("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray(), null), ("index.json", index, null),
            .. image.Blobs.Select(b => (ArchiveFixture.Blob(b.Key), (byte[]?)b.Value, (string?)null))]));

        var progress = await fixture.ImportAsync("dst", archive);

        string dangling = DanglingNames.For(image.Root.Digest);
        Assert.Equal((dangling, image.Manifest().Config.Digest.ToString()), progress.Where(p => p.Status == TransferStatus.Done).Select(p => (p.Id, p.Detail)).Single());
        Assert.Equal([dangling], (await fixture.ImagesAsync("dst")).Select(i => i.Name));
    }

    [Fact]
    public async Task Load_ArchiveMissingALayer_FailsAndLeavesTheStoreAsItWas()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();
        var image = TestImage.Of("linux/amd64", Base, Top);
        await fixture.SeedAsync("src", image, "docker.io/library/app:v1");
        var entries = ArchiveFixture.Entries(await fixture.ExportAsync("src", new ImageExportRequest([new("docker.io/library/app:v1")])));
        byte[] archive = ArchiveFixture.Tar([.. entries.Where(e => e.Type == System.Formats.Tar.TarEntryType.RegularFile && e.Name != ArchiveFixture.Blob(Top.Descriptor.Digest))
            .Select(e => (e.Name, (byte[]?)e.Content, (string?)null))]);

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => fixture.ImportAsync("dst", archive));

        Assert.Contains(ArchiveFixture.Blob(Top.Descriptor.Digest), error.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.ImagesAsync("dst"));
        Assert.Empty(await fixture.ContentAsync("dst"));
        Assert.Empty(await ListLeasesAsync(fixture, "dst"));
        await foreach (var snapshot in fixture.Scope("dst").Snapshotter(StorageStack.Native).WalkAsync(cancellationToken: ArchiveFixture.Token))
        {
            Assert.Fail($"snapshot {snapshot.Name} was left behind");
        }
    }

    [Fact]
    public async Task Load_BlobNotMatchingItsName_InvalidArgument()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();
        var wrong = Digest.Sha256("something else"u8);
        byte[] archive = ArchiveFixture.Tar((ArchiveFixture.Blob(wrong), "content"u8.ToArray(), null), ("index.json", "{\"manifests\":[]}"u8.ToArray(), null));

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => fixture.ImportAsync("dst", archive));

        Assert.Contains("the archive is corrupt", error.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.ContentAsync("dst"));
    }

    [Fact]
    public async Task Load_NotAnArchive_InvalidArgument()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();

        await Assert.ThrowsAsync<InvalidArgumentException>(() => fixture.ImportAsync("dst", Encoding.ASCII.GetBytes(new string('x', 2000))));
        await Assert.ThrowsAsync<InvalidArgumentException>(() => fixture.ImportAsync("dst", ArchiveFixture.Tar(("hello", "x"u8.ToArray(), null))));
    }

    [Fact]
    public async Task ImportRootfs_GzipTarball_OneLayerImageWithTheChanges()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();
        var request = new ImageImportRequest(ImportKind.Rootfs)
        {
            Reference = "mine:v1",
            Changes = ["CMD [\"sh\", \"-c\", \"true\"]", "ENV A=b", "WORKDIR /srv", "ENTRYPOINT /bin/run"],
            Platform = Platforms.Parse("linux/arm64"),
        };

        var progress = await fixture.ImportAsync("dst", Base.Blob, request);

        var record = Assert.Single(await fixture.ImagesAsync("dst"));
        Assert.Equal("docker.io/library/mine:v1", record.Name);
        var content = fixture.Scope("dst").Content;
        var manifest = ManifestJson.ParseManifest(await Core.Content.ContentReaderExtensions.ReadAllBytesAsync(content, record.Target.Digest, ArchiveFixture.Token));
        var config = ManifestJson.ParseConfig(await Core.Content.ContentReaderExtensions.ReadAllBytesAsync(content, manifest.Config.Digest, ArchiveFixture.Token));
        Assert.Equal(manifest.Config.Digest.ToString(), Assert.Single(progress, p => p.Status == TransferStatus.Done).Detail);
        Assert.Equal((MediaTypes.OciLayerGzip, Base.Descriptor.Digest), (manifest.Layers.Single().MediaType, manifest.Layers.Single().Digest));
        Assert.Equal([Base.DiffId], config.RootFs.DiffIds);
        Assert.Equal(("linux", "arm64"), (config.Os, config.Architecture));
        Assert.Equal(["sh", "-c", "true"], config.Config!.Cmd);
        Assert.Equal(["/bin/sh", "-c", "/bin/run"], config.Config.Entrypoint);
        Assert.Equal(["A=b"], config.Config.Env);
        Assert.Equal("/srv", config.Config.WorkingDir);
        Assert.Equal("Imported from -", Assert.Single(config.History).Comment);
        Assert.Equal(SnapshotKind.Committed, (await fixture.Scope("dst").Snapshotter(StorageStack.Native).StatAsync(Base.DiffId.ToString(), ArchiveFixture.Token)).Kind);
    }

    [Fact]
    public async Task ImportRootfs_NotATar_InvalidArgumentAndNothingKept()
    {
        await using var fixture = await ArchiveFixture.CreateAsync();

        await Assert.ThrowsAsync<InvalidArgumentException>(() => fixture.ImportAsync("dst", Encoding.ASCII.GetBytes(new string('x', 3000)),
            new ImageImportRequest(ImportKind.Rootfs)));

        Assert.Empty(await fixture.ImagesAsync("dst"));
        Assert.Empty(await fixture.ContentAsync("dst"));
    }

    private static async Task<List<string>> ListLeasesAsync(ArchiveFixture fixture, string @namespace)
    {
        var leases = new List<string>();
        await foreach (var lease in fixture.Scope(@namespace).Leases.ListAsync(cancellationToken: ArchiveFixture.Token))
        {
            leases.Add(lease.Id);
        }

        return leases;
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
