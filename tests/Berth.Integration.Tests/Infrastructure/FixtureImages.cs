using Berth.Oci;
using Berth.Testing.Registry;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>The layers the integration tests' images are made of, built from Debian's busybox-static (no internet).</summary>
public static class FixtureImages
{
    private static readonly Lazy<TestLayer> Busybox = new(() => TestLayer.Create(BusyboxEntries()));

    /// <summary>busybox and the usual folders, gzip; built once.</summary>
    public static TestLayer BusyboxLayer => Busybox.Value;

    public static IReadOnlyList<LayerEntry> BusyboxEntries()
    {
        var entries = new List<LayerEntry>
        {
            new("bin/"), new("etc/"), new("tmp/", Mode: (UnixFileMode)0b1_111_111_111), new("proc/"), new("sys/"), new("dev/"),
            new("bin/busybox", File.ReadAllBytes("/bin/busybox")),
            LayerEntry.File("etc/hostname", "berth-test\n"),
        };
        entries.AddRange(new[] { "sh", "echo", "true", "false", "ls", "cat", "sleep", "id", "env" }.Select(n => new LayerEntry($"bin/{n}", Link: "busybox")));
        return entries;
    }

    /// <summary>busybox, a file added, then that file whited out and another added.</summary>
    public static TestImage Layered() => TestImage.Create(
    [
        BusyboxLayer,
        TestLayer.Create([LayerEntry.File("etc/added", "one\n"), new("opt/"), new("opt/data", "x"u8.ToArray())]),
        TestLayer.Create([LayerEntry.Whiteout("etc/added"), LayerEntry.File("etc/second", "two\n")]),
    ]);

    /// <summary>Owners, setuid, xattrs, hard and absolute links, an opaque folder and whiteouts over three layers.</summary>
    public static TestImage Rich(LayerCompression middle = LayerCompression.Gzip, LayerCompression top = LayerCompression.Gzip,
        LayerCompression bottom = LayerCompression.Gzip)
        => TestImage.Create(
        [
            bottom == LayerCompression.Gzip ? BusyboxLayer : TestLayer.Create(BusyboxEntries(), bottom),
            TestLayer.Create(RichMiddleEntries(), middle),
            TestLayer.Create(RichTopEntries(), top),
        ]);

    private static LayerEntry[] RichMiddleEntries() =>
    [
        new("data/") { Uid = 1000, Gid = 1000 },
        new("data/file", "content\n"u8.ToArray(), Mode: (UnixFileMode)0b110_100_100) { Uid = 1000, Gid = 100, Xattrs = new Dictionary<string, string> { ["user.note"] = "kept" } },
        new("data/hard", Mode: (UnixFileMode)0b110_100_100) { HardLink = "data/file", Uid = 1000, Gid = 100 },
        new("data/setuid", "#!/bin/sh\n"u8.ToArray(), Mode: (UnixFileMode)0b100_111_101_101),
        new("data/abs-link", Link: "/etc/hostname"),
        new("data/removed", "soon gone"u8.ToArray()),
        new("opq/"),
        new("opq/old", "old"u8.ToArray()),
        new("sticky/", Mode: (UnixFileMode)0b1_111_111_111),
    ];

    private static LayerEntry[] RichTopEntries() =>
    [
        LayerEntry.Whiteout("data/removed"),
        new("opq/"),
        LayerEntry.Opaque("opq"),
        new("opq/new", "new"u8.ToArray()),
    ];
}
