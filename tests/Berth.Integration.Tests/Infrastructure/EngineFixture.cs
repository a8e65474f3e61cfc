namespace Berth.Integration.Tests.Infrastructure;

/// <summary>
/// One berthd and one registry with a busybox image, shared by the tests that can share them; each test works in a
/// namespace of its own. Tests that stop or kill a daemon start a private one instead.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public BerthDaemon Daemon { get; private set; } = null!;

    public LocalRegistry Registry { get; private set; } = null!;

    /// <summary>A one-layer busybox image.</summary>
    public string BusyboxRef => $"{Registry.Host}/test/busybox:latest";

    /// <summary>A three-layer image: busybox, a file added, that file whited out and another added.</summary>
    public string LayeredRef => $"{Registry.Host}/test/layered:v1";

    /// <summary>Owners, setuid, xattrs, hard and absolute links, an opaque folder and whiteouts over three layers.</summary>
    public string RichRef => $"{Registry.Host}/test/rich:v1";

    public async ValueTask InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        Registry = await LocalRegistry.StartAsync();
        await TestImage.PushAsync(Registry.Host, "test/busybox", "latest", TestImage.BusyboxLayer());
        await TestImage.PushAsync(Registry.Host, "test/layered", "v1", TestImage.BusyboxLayer(),
            [new("etc/added", "one\n"u8.ToArray(), Mode: (UnixFileMode)0b110_100_100), new("opt/"), new("opt/data", "x"u8.ToArray())],
            [new("etc/.wh.added", []), new("etc/second", "two\n"u8.ToArray(), Mode: (UnixFileMode)0b110_100_100)]);
        await TestImage.PushAsync(Registry.Host, "test/rich", "v1", TestImage.BusyboxLayer(), RichMiddleLayer(), RichTopLayer());
        Daemon = await BerthDaemon.StartNewAsync();
    }

    private static TestImage.Entry[] RichMiddleLayer() =>
    [
        new("data/") { Uid = 1000, Gid = 1000 },
        new("data/file", "content\n"u8.ToArray(), Mode: (UnixFileMode)0b110_100_100) { Uid = 1000, Gid = 100, Xattrs = new Dictionary<string, string> { ["user.note"] = "kept" } },
        new("data/hard", Mode: (UnixFileMode)0b110_100_100) { HardLink = "data/file" },
        new("data/setuid", "#!/bin/sh\n"u8.ToArray(), Mode: (UnixFileMode)0b100_111_101_101),
        new("data/abs-link", Link: "/etc/hostname"),
        new("data/removed", "soon gone"u8.ToArray()),
        new("opq/"),
        new("opq/old", "old"u8.ToArray()),
        new("sticky/", Mode: (UnixFileMode)0b1_111_111_111),
    ];

    private static TestImage.Entry[] RichTopLayer() =>
    [
        new("data/.wh.removed", []),
        new("opq/"),
        new("opq/.wh..wh..opq", []),
        new("opq/new", "new"u8.ToArray()),
    ];

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
