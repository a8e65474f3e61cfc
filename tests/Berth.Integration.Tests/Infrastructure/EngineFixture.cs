using Berth.Testing.Registry;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>
/// One berthd and one plain-HTTP registry with a few images, shared by the tests that can share them; each test works
/// in a namespace of its own. Tests that stop or kill a daemon, or need a config of their own, start a private one.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public BerthDaemon Daemon { get; private set; } = null!;

    public RegistryServer Registry { get; private set; } = null!;

    /// <summary>A one-layer busybox image.</summary>
    public string BusyboxRef => $"{Registry.Host}/test/busybox:latest";

    /// <summary>A three-layer image: busybox, a file added, that file whited out and another added.</summary>
    public string LayeredRef => $"{Registry.Host}/test/layered:v1";

    /// <summary>Owners, setuid, xattrs, hard and absolute links, an opaque folder and whiteouts over three layers.</summary>
    public string RichRef => $"{Registry.Host}/test/rich:v1";

    /// <summary>The rich image with its middle layer zstd and its top layer uncompressed.</summary>
    public string RichMixedRef => $"{Registry.Host}/test/rich-mixed:v1";

    /// <summary>What <see cref="LayeredRef"/> names.</summary>
    public TestImage LayeredImage { get; } = FixtureImages.Layered();

    public async ValueTask InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        Registry = await RegistryServer.StartAsync();
        await Registry.PushAsync(TestImage.Create([FixtureImages.BusyboxLayer]), "test/busybox", "latest");
        await Registry.PushAsync(LayeredImage, "test/layered", "v1");
        await Registry.PushAsync(FixtureImages.Rich(), "test/rich", "v1");
        await Registry.PushAsync(FixtureImages.Rich(Oci.LayerCompression.Zstd, Oci.LayerCompression.None), "test/rich-mixed", "v1");
        // berth-shim from this tree's build (beside berthd only when published).
        Daemon = await BerthDaemon.StartNewAsync($"""
            [plugins."io.containerd.runtime.v2.task"]
            runc_shim = "{BerthBinaries.Shim}"
            """);
    }

    public async ValueTask DisposeAsync()
    {
        if (Daemon is not null)
        {
            await Daemon.DisposeAsync();
        }

        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }
    }
}
