using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;
using Berth.Oci;
using Berth.Testing;

namespace Berth.Integration.Tests.Pull;

/// <summary>
/// Images put in the registry by skopeo (a tool nobody here wrote: its own manifests, its own compression) pull with
/// berth to the same root filesystem as the image berth's tests pushed themselves, and run.
/// </summary>
public sealed class PullSkopeoInteropTests(EngineFixture engine)
{
    [Theory]
    // skopeo converts the gzip layout to Docker's format; it copies the zstd one as it is (--preserve-digests, else its
    // blob cache may swap a zstd layer for a gzip blob of the same content that another test put in the registry).
    [InlineData("docker-v2s2", MediaTypes.DockerManifest, MediaTypes.DockerLayerGzip, LayerCompression.Gzip, new[] { "--format", "v2s2" })]
    [InlineData("oci-zstd", MediaTypes.OciManifest, MediaTypes.OciLayerZstd, LayerCompression.Zstd, new[] { "--format", "oci", "--preserve-digests" })]
    public async Task Pull_ImageCopiedBySkopeo_UnpacksTheSameRootfs(string kind, string manifestType, string layerType, LayerCompression compression,
        string[] skopeoOptions)
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string repository = $"test/skopeo-{kind}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        using (var layout = new TempDirectory("oci-layout"))
        {
            FixtureImages.Rich(compression, compression, compression).WriteOciLayout(layout.Path, "v1");
            (await ProcessRunner.RunAsync("/usr/bin/skopeo",
                ["copy", "--quiet", "--dest-tls-verify=false", .. skopeoOptions, $"oci:{layout.Path}:v1", $"docker://{engine.Registry.Host}/{repository}:v1"]))
                .EnsureSuccess("skopeo copy");
        }

        var manifest = await ManifestAsync(repository);
        Assert.Equal(manifestType, manifest.GetProperty("mediaType").GetString());
        Assert.All(manifest.GetProperty("layers").EnumerateArray(), l => Assert.Equal(layerType, l.GetProperty("mediaType").GetString()));
        string reference = $"{engine.Registry.Host}/{repository}:v1";
        string ns = Names.Namespace(kind);
        string referenceNs = Names.Namespace("reference");

        var pull = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", reference);
        (await BerthCli.RunAsync(engine.Daemon, "-n", referenceNs, "pull", engine.RichRef)).EnsureSuccess("pull of the reference image");

        Assert.True(pull.ExitCode == 0, pull.ToString());
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(reference)}\s+{System.Text.RegularExpressions.Regex.Escape(manifestType)}\s",
            (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "ls")).Stdout);
        var expected = await SnapshotRootfs.DescribeTopAsync(args => Infrastructure.Ctr.RunAsync(engine.Daemon, referenceNs, args));
        var actual = await SnapshotRootfs.DescribeTopAsync(args => Infrastructure.Ctr.RunAsync(engine.Daemon, ns, args));
        var differences = RootfsTree.Differences(expected, actual);
        Assert.True(differences.Count == 0, string.Join('\n', differences));
        Assert.True(actual.Count > 10, "the comparison saw the files");

        // And it runs: through berthd's Tasks service and berth-shim.
        var run = await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "run", "--rm", reference, $"run-{kind}", "sh", "-c", "echo ran from $0", kind);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"ran from {kind}", run.Stdout.Trim());
    }

    private async Task<JsonElement> ManifestAsync(string repository)
    {
        using var http = engine.Registry.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/v2/{repository}/manifests/v1", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.OciManifest));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.DockerManifest));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
