using System.Diagnostics;
using Berth.Oci;
using Berth.Remotes.Registry;
using Berth.Testing.Registry;

namespace Berth.Remotes.Tests.Registry;

/// <summary>Push, pull and mount against docker-registry over plain HTTP, and what skopeo reads back.</summary>
[Trait("Category", "Integration")]
public sealed class DockerRegistryTests : DockerRegistryTestBase
{
    [Fact]
    public async Task PushThenPull_PlainHttpOnLoopback_FallsBackToHttpAndRoundTrips()
    {
        await using var server = await StartAsync(RegistryServerOptions.Plain);
        var client = Factory(new RegistryHostOptions()).Create(server.Host, null);
        var reference = ImageReference.Parse($"{server.Host}/test/app:v1");

        await PushAsync(client, reference, Image);

        await AssertPullsAsync(client, reference, Image);
    }

    [Fact]
    public async Task Pull_ImagePushedWithoutBerth_ReadsEveryBlob()
    {
        await using var server = await StartAsync(RegistryServerOptions.Plain);
        await server.PushAsync(Image, "test/other", "latest", Ct);

        await AssertPullsAsync(Factory(new RegistryHostOptions()).Create(server.Host, null), ImageReference.Parse($"{server.Host}/test/other"), Image);
    }

    [Fact]
    public async Task PushBlob_InChunks_IsAcceptedByDistribution()
    {
        await using var server = await StartAsync(RegistryServerOptions.Plain);
        var settings = RegistryClientTestBase.FastSettings with { MonolithicUploadLimit = 100, UploadChunkSize = 64 };
        var client = Factory(new RegistryHostOptions(), settings).Create(server.Host, null);
        var reference = ImageReference.Parse($"{server.Host}/test/chunked:v1");

        await PushAsync(client, reference, Image);

        await AssertPullsAsync(client, reference, Image);
    }

    [Fact]
    public async Task TryMountBlob_FromAnotherRepository_Mounts()
    {
        await using var server = await StartAsync(RegistryServerOptions.Plain);
        await server.PushAsync(Image, "test/base", "v1", Ct);
        var client = Factory(new RegistryHostOptions()).Create(server.Host, null);
        var target = ImageReference.Parse($"{server.Host}/test/derived");

        Assert.True(await client.TryMountBlobAsync(target, Image.LayerDescriptor, "test/base", Ct));
        Assert.False(await client.TryMountBlobAsync(target, Image.ManifestDescriptor with { MediaType = "application/octet-stream" }, "test/base", Ct));

        Assert.True(await client.BlobExistsAsync(target, Image.LayerDescriptor, Ct));
    }

    [Fact]
    public async Task Push_ThenSkopeoInspect_SeesTheSameManifestDigest()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/skopeo"), "skopeo is not installed");
        await using var server = await StartAsync(RegistryServerOptions.Plain);
        var reference = ImageReference.Parse($"{server.Host}/test/interop:v1");
        await PushAsync(Factory(new RegistryHostOptions()).Create(server.Host, null), reference, Image);

        using var skopeo = Process.Start(new ProcessStartInfo("skopeo", ["inspect", "--tls-verify=false", "--format", "{{.Digest}}", $"docker://{reference}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        string output = await skopeo.StandardOutput.ReadToEndAsync(Ct);
        await skopeo.WaitForExitAsync(Ct);

        Assert.True(skopeo.ExitCode == 0, await skopeo.StandardError.ReadToEndAsync(Ct));
        Assert.Equal(Image.ManifestDescriptor.Digest.ToString(), output.Trim());
    }
}
