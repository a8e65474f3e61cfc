using System.Formats.Tar;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Ctr;

/// <summary>
/// `ctr snapshots` through berthd's Snapshots and Diff services. ctr prepares snapshots without a lease, so they are
/// garbage until committed into something referenced: each test runs its own daemon, where no other test's delete can
/// start a collection halfway through.
/// </summary>
public sealed class CtrSnapshotTests(EngineFixture engine)
{
    [Fact]
    public async Task PrepareCommitInfoUsageLabelRemove()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var daemon = await BerthDaemon.StartNewAsync();
        string ns = Names.Namespace();
        Assert.Equal(0, (await Run(daemon, ns, "snapshots", "prepare", "work", "")).ExitCode);
        Assert.Matches(@"(?m)^work\s+Active\s*$", (await Run(daemon, ns, "snapshots", "ls")).Stdout);

        Assert.Equal(0, (await Run(daemon, ns, "snapshots", "commit", "base", "work")).ExitCode);
        var info = await Run(daemon, ns, "snapshots", "info", "base");
        Assert.Contains("\"Kind\": \"Committed\"", info.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^base\s+\d+(\.\d+)?\s?\w*B?\s+1\s*$", (await Run(daemon, ns, "snapshots", "usage", "base")).Stdout);

        Assert.Equal(0, (await Run(daemon, ns, "snapshots", "label", "base", "team=blue")).ExitCode);
        Assert.Contains("\"team\": \"blue\"", (await Run(daemon, ns, "snapshots", "info", "base")).Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await Run(daemon, ns, "snapshots", "prepare", "child", "base")).ExitCode);
        var busy = await Run(daemon, ns, "snapshots", "rm", "base");
        Assert.NotEqual(0, busy.ExitCode);
        Assert.Contains("failed precondition", busy.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (await Run(daemon, ns, "snapshots", "rm", "child", "base")).ExitCode);
        Assert.Single((await Run(daemon, ns, "snapshots", "ls")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Diff_OfAChangedSnapshot_IsALayerWithTheChangeAndAWhiteout()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var daemon = await BerthDaemon.StartNewAsync();
        string ns = Names.Namespace();
        Assert.Equal(0, (await Run(daemon, ns, "images", "pull", "--plain-http", engine.BusyboxRef)).ExitCode);
        string chain = (await Run(daemon, ns, "snapshots", "ls")).Stdout.Split('\n')[1].Split(' ')[0];
        Assert.Equal(0, (await Run(daemon, ns, "snapshots", "prepare", "changed", chain)).ExitCode);

        using (var target = new Berth.Testing.TempDirectory("rootfs"))
        {
            string mount = (await Run(daemon, ns, "snapshots", "mounts", target.Path, "changed")).Stdout.Trim();
            (await ProcessRunner.RunAsync("/bin/sh", ["-c", mount])).EnsureSuccess(mount);
            try
            {
                await File.WriteAllTextAsync(Path.Combine(target.Path, "added.txt"), "new\n");
                File.Delete(Path.Combine(target.Path, "etc", "hostname"));
            }
            finally
            {
                Linux.LinuxSyscalls.Instance.Unmount(target.Path);
            }
        }

        using var output = new Berth.Testing.TempDirectory("diff");
        string tar = output.Combine("layer.tar");
        var diff = await ProcessRunner.RunAsync("/bin/sh", ["-c",
            $"{Infrastructure.Ctr.Path} --address {daemon.Address} -n {ns} snapshots diff --media-type application/vnd.oci.image.layer.v1.tar changed > {tar}"]);
        Assert.True(diff.ExitCode == 0, diff.ToString());

        var entries = new Dictionary<string, string>();
        await using (var stream = File.OpenRead(tar))
        {
            var reader = new TarReader(stream);
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                entries[entry.Name.TrimEnd('/')] = entry.DataStream is null ? "" : await new StreamReader(entry.DataStream).ReadToEndAsync();
            }
        }

        Assert.Equal("new\n", entries["added.txt"]);
        Assert.True(entries.ContainsKey("etc/.wh.hostname"), string.Join(", ", entries.Keys));
        Assert.False(entries.ContainsKey("bin/busybox"), "unchanged files are not in the diff");
    }

    private static Task<ProcessResult> Run(BerthDaemon daemon, string ns, params string[] arguments)
        => Infrastructure.Ctr.RunAsync(daemon, ns, arguments);
}
