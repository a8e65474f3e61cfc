using Berth.Integration.Tests.Infrastructure;
using Berth.Oci;
using Berth.Testing.Registry;

namespace Berth.Integration.Tests.Pull;

/// <summary>`berth pull` of an OCI index: the host's platform by default, the one --platform names, or all of them.</summary>
public sealed class PullPlatformTests(EngineFixture engine)
{
    private static readonly TestImageIndex Index = new(
        Image(new Platform("linux", "amd64")),
        Image(new Platform("linux", "arm64")),
        Image(new Platform("linux", "arm") { Variant = "v7" }));

    [Fact]
    public async Task Pull_Index_FetchesAndUnpacksTheHostsPlatform()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        var (ns, reference) = await PushAsync("default");

        (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", reference)).EnsureSuccess("pull");

        await AssertImageAsync(ns, reference);
        await AssertContentAsync(ns, fetched: ["amd64"], absent: ["arm64", "arm"]);
        Assert.Equal("amd64", await ArchitectureFileAsync(ns));
    }

    [Fact]
    public async Task Pull_IndexWithPlatform_FetchesAndUnpacksThatPlatform()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        var (ns, reference) = await PushAsync("arm64");

        (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", "--platform", "linux/arm64", reference)).EnsureSuccess("pull");

        await AssertImageAsync(ns, reference);
        await AssertContentAsync(ns, fetched: ["arm64"], absent: ["amd64", "arm"]);
        Assert.Equal("arm64", await ArchitectureFileAsync(ns));
    }

    [Fact]
    public async Task Pull_IndexWithAllPlatforms_FetchesEveryManifest()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        var (ns, reference) = await PushAsync("all");

        (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", "--all-platforms", reference)).EnsureSuccess("pull");

        await AssertImageAsync(ns, reference);
        var content = await ContentDigestsAsync(ns);
        Assert.All(Index.Images, image => Assert.Superset(
            new HashSet<string>([image.ManifestDescriptor.Digest.ToString(), image.ConfigDescriptor.Digest.ToString()]), content));
        Assert.Contains(Index.For("amd64").LayerDescriptor.Digest.ToString(), content);
        Assert.Equal("amd64", await ArchitectureFileAsync(ns));
    }

    [Fact]
    public async Task Pull_IndexWithAllPlatforms_FetchesEveryLayer()
    {
        var (ns, reference) = await PushAsync("all-layers");

        (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", "--all-platforms", reference)).EnsureSuccess("pull");

        await AssertContentAsync(ns, fetched: ["amd64", "arm64", "arm"], absent: []);
    }

    private static TestImage Image(Platform platform)
        => TestImage.Create([TestLayer.Create(new Dictionary<string, string> { ["arch.txt"] = platform.Architecture })], platform);

    private async Task<(string Namespace, string Reference)> PushAsync(string tag)
    {
        await engine.Registry.PushAsync(Index, "test/multiarch", tag);
        return (Names.Namespace(tag), $"{engine.Registry.Host}/test/multiarch:{tag}");
    }

    private async Task AssertImageAsync(string ns, string reference)
    {
        string images = (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "ls")).Stdout;
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(reference)}\s+{System.Text.RegularExpressions.Regex.Escape(MediaTypes.OciIndex)}\s+{Index.IndexDescriptor.Digest}\s", images);
    }

    private async Task AssertContentAsync(string ns, string[] fetched, string[] absent)
    {
        var content = await ContentDigestsAsync(ns);
        Assert.Contains(Index.IndexDescriptor.Digest.ToString(), content);
        foreach (string architecture in fetched)
        {
            var image = Index.For(architecture);
            Assert.All(image.Blobs.Select(b => b.Descriptor).Prepend(image.ManifestDescriptor),
                d => Assert.Contains(d.Digest.ToString(), content));
        }

        foreach (string architecture in absent)
        {
            var image = Index.For(architecture);
            Assert.All(image.Blobs.Select(b => b.Descriptor).Prepend(image.ManifestDescriptor),
                d => Assert.DoesNotContain(d.Digest.ToString(), content));
        }
    }

    // The first column: the labels of the index name every manifest, fetched or not.
    private async Task<HashSet<string>> ContentDigestsAsync(string ns)
        => (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "content", "ls")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(row => row.Split(' ', '\t')[0]).ToHashSet(StringComparer.Ordinal);

    private Task<string> ArchitectureFileAsync(string ns) => SnapshotRootfs.ReadTopAsync(
        args => Infrastructure.Ctr.RunAsync(engine.Daemon, ns, args), root => File.ReadAllText(Path.Combine(root, "arch.txt")));
}
