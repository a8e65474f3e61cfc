using System.Diagnostics;
using System.Runtime.Versioning;
using Berth.Linux;

namespace Berth.Storage.Tests.Diff;

/// <summary>Layers GNU tar writes apply exactly, and layers berth writes extract exactly with GNU tar.</summary>
[SupportedOSPlatform("linux")]
public sealed class GnuTarInteropTests : IDisposable
{
    // cap_dac_override,cap_fowner,cap_setuid,cap_net_raw+ep: the first permitted byte is 0x8a (not UTF-8 alone) and the
    // second holds 0x20; a newline byte sits in the inheritable half.
    private static readonly byte[] Capability = [0x01, 0x00, 0x00, 0x02, 0x8a, 0x20, 0x00, 0x00, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly DiffFixture _fixture = new();
    private readonly LinuxSyscalls _syscalls = LinuxSyscalls.Instance;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Apply_LayerFromGnuTar_ReproducesTheTree()
    {
        DiffFixture.RequireRoot();
        string source = SampleTree();
        string archive = Path.Join(_fixture.Path, "gnu.tar.gz");
        RunTar("--xattrs", "--xattrs-include=*", "--format=pax", "-czf", archive, "-C", source, ".");
        string root = _fixture.Folder("root");

        await _fixture.ApplyAsync(File.ReadAllBytes(archive), DiffFixture.Bind(root));

        Assert.Equal(TreeSnapshot.Take(source, includeRoot: false), TreeSnapshot.Take(root, includeRoot: false));
    }

    [Fact]
    public async Task Compare_LayerExtractedByGnuTar_ReproducesTheTree()
    {
        DiffFixture.RequireRoot();
        string source = SampleTree();

        var layer = await _fixture.Service.CompareAsync([], DiffFixture.Bind(source), cancellationToken: TestContext.Current.CancellationToken);
        string archive = Path.Join(_fixture.Path, "berth.tar.gz");
        await File.WriteAllBytesAsync(archive, _fixture.Content.Get(layer.Digest), TestContext.Current.CancellationToken);
        string root = _fixture.Folder("root");
        RunTar("--xattrs", "--xattrs-include=*", "--same-owner", "-xpzf", archive, "-C", root);

        Assert.Equal(TreeSnapshot.Take(source, includeRoot: false), TreeSnapshot.Take(root, includeRoot: false));
    }

    private string SampleTree()
    {
        string source = _fixture.Folder("source");
        TreeTools.Write(Path.Join(source, "bin/ping"), "not really ping");
        File.SetUnixFileMode(Path.Join(source, "bin/ping"), (UnixFileMode)0x9ed);
        _syscalls.SetXattr(Path.Join(source, "bin/ping"), "security.capability", Capability);
        TreeTools.Write(Path.Join(source, "etc/hello"), "hello");
        _syscalls.SetXattr(Path.Join(source, "etc/hello"), "user.note", "two\nlines"u8);
        _syscalls.Lchown(Path.Join(source, "etc/hello"), 1000, 1000);
        _syscalls.Link(Path.Join(source, "etc/hello"), Path.Join(source, "etc/hello-again"));
        File.CreateSymbolicLink(Path.Join(source, "etc/link"), "hello");
        _syscalls.MakeNode(Path.Join(source, "etc/fifo"), FileKind.Fifo, 0x1b0, 0, 0);
        TreeTools.Write(Path.Join(source, string.Join('/', Enumerable.Repeat("long-folder-name", 8)), "deep"), "deep");
        TreeTools.WholeSecondTimes(source);
        return source;
    }

    private static void RunTar(params string[] arguments)
    {
        ProcessStartInfo start;
        try
        {
            start = new ProcessStartInfo("tar", arguments) { RedirectStandardError = true };
            using var tar = Process.Start(start)!;
            string error = tar.StandardError.ReadToEnd();
            tar.WaitForExit();
            Assert.True(tar.ExitCode == 0, $"tar {string.Join(' ', arguments)}: {error}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("GNU tar is not installed");
        }
    }
}
