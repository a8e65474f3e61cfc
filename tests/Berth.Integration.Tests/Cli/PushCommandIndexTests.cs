using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;
using Berth.Oci;
using Berth.Testing.Registry;
using RegistryImage = Berth.Testing.Registry.TestImage;

namespace Berth.Integration.Tests.Cli;

/// <summary>
/// `berth push` of a two-platform index that was pulled for this host only: as nerdctl, berth pushes an index reduced
/// to the host's platform; with --platform, as docker, that platform's manifest alone.
/// </summary>
public sealed class PushCommandIndexTests(EngineFixture engine)
{
    private static readonly string HostArch = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64";
    private static readonly string OtherArch = HostArch == "amd64" ? "arm64" : "amd64";

    [Fact]
    public async Task Push_IndexPulledForThisPlatform_ReducedIndexAndPlatformManifestAsSkopeoReadsThem()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using var registry = await RegistryServer.StartAsync(cancellationToken: ct);
        var mine = RegistryImage.Create(new Dictionary<string, string> { ["arch.txt"] = HostArch }, HostArch);
        var theirs = RegistryImage.Create(new Dictionary<string, string> { ["arch.txt"] = OtherArch }, OtherArch);
        await PushIndexAsync(registry, "multi/app", "v1", mine, theirs, ct);
        string ns = Names.Namespace();
        string source = $"{registry.Host}/multi/app:v1";
        Assert.Equal(0, (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", "-q", source)).ExitCode);
        Assert.Equal(0, (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "tag", source, $"{registry.Host}/multi/copy:v1")).ExitCode);

        var reduced = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "push", $"{registry.Host}/multi/copy:v1");

        Assert.True(reduced.ExitCode == 0, reduced.ToString());
        Assert.Contains($"{mine.LayerDescriptor.Digest.Encoded[..12]}: Mounted from multi/app", reduced.Stdout, StringComparison.Ordinal);
        byte[] raw = await PushCommandTests.SkopeoRawAsync($"{registry.Host}/multi/copy:v1");
        Assert.Equal(PushCommandTests.DigestLine(reduced.Stdout, "v1").Digest, Digest.Sha256(raw).ToString());
        using (var index = JsonDocument.Parse(raw))
        {
            var only = Assert.Single(index.RootElement.GetProperty("manifests").EnumerateArray());
            Assert.Equal(mine.ManifestDescriptor.Digest.ToString(), only.GetProperty("digest").GetString());
            Assert.Equal(HostArch, only.GetProperty("platform").GetProperty("architecture").GetString());
        }

        var single = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "push", "--platform", "linux/" + HostArch, $"{registry.Host}/multi/copy:v1");

        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.Equal(mine.Manifest, await PushCommandTests.SkopeoRawAsync($"{registry.Host}/multi/copy:v1"));
        Assert.Equal(mine.ManifestDescriptor.Digest.ToString(), PushCommandTests.DigestLine(single.Stdout, "v1").Digest);
    }

    // Each platform's image under a tag of its own, then an index over both under the tag.
    private static async Task PushIndexAsync(RegistryServer registry, string repository, string tag, RegistryImage mine, RegistryImage theirs, CancellationToken ct)
    {
        await registry.PushAsync(mine, repository, HostArch, ct);
        await registry.PushAsync(theirs, repository, OtherArch, ct);
        object Entry(RegistryImage image, string arch) => new
        {
            mediaType = MediaTypes.OciManifest,
            digest = image.ManifestDescriptor.Digest.ToString(),
            size = image.ManifestDescriptor.Size,
            platform = new { architecture = arch, os = "linux" },
        };
        byte[] index = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciIndex,
            manifests = new[] { Entry(mine, HostArch), Entry(theirs, OtherArch) },
        });
        using var http = registry.CreateHttpClient();
        using var body = new ByteArrayContent(index);
        body.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.OciIndex);
        using var put = await http.PutAsync(new Uri($"/v2/{repository}/manifests/{tag}", UriKind.Relative), body, ct);
        Assert.True(put.IsSuccessStatusCode, $"PUT index: {(int)put.StatusCode}");
    }
}
