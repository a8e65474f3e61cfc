using System.Text.RegularExpressions;
using Berth.Integration.Tests.Infrastructure;
using Berth.Testing;

namespace Berth.Integration.Tests.Cli;

/// <summary>`berth image prune` and `berth system df` over images pulled with ctr and imported with berth.</summary>
public sealed class PruneDfCommandsTests(EngineFixture engine)
{
    [Fact]
    public async Task Prune_DanglingThenAll_RemovesThemAndReportsWhatWasFreed()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "pull", "--plain-http", engine.BusyboxRef)).EnsureSuccess("ctr pull");
        using var folder = new TempDirectory("prune");
        await File.WriteAllTextAsync(folder.Combine("file"), "dangling\n", TestContext.Current.CancellationToken);
        (await ProcessRunner.RunAsync("/usr/bin/tar", ["-C", folder.Path, "-cf", folder.Combine("rootfs.tar"), "file"])).EnsureSuccess("tar");
        var import = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "import", folder.Combine("rootfs.tar"));
        Assert.True(import.ExitCode == 0, import.ToString());
        string dangling = import.Stdout.Trim();
        Assert.Contains($"<none> <none> {dangling}", (await ImagesAsync(ns)), StringComparison.Ordinal);

        var prune = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "image", "prune", "-f");

        Assert.True(prune.ExitCode == 0, prune.ToString());
        Assert.Matches($"^Deleted Images:\ndeleted: {dangling}\n\nTotal reclaimed space: [1-9][0-9.]*k?B\n$", prune.Stdout);
        string remaining = await ImagesAsync(ns);
        Assert.DoesNotContain(dangling, remaining, StringComparison.Ordinal);
        Assert.Contains(engine.BusyboxRef.Replace(":latest", " latest", StringComparison.Ordinal), remaining, StringComparison.Ordinal);

        var all = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "image", "prune", "--all", "--force");

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Matches($"^Deleted Images:\nuntagged: {Regex.Escape(engine.BusyboxRef)}\ndeleted: sha256:[0-9a-f]{{64}}\n\nTotal reclaimed space: [1-9][0-9.]*[kM]?B\n$", all.Stdout);
        Assert.Equal(string.Empty, await ImagesAsync(ns));
        Assert.Equal(string.Empty, (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "content", "ls", "-q")).Stdout);
        Assert.Equal("Total reclaimed space: 0B\n", (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "image", "prune", "-f")).Stdout);
    }

    [Fact]
    public async Task SystemDf_OnePulledImage_SizeAsImagesShowsIt()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "pull", "--plain-http", engine.LayeredRef)).EnsureSuccess("ctr pull");
        string size = (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "images", "--format", "{{.Size}}")).Stdout.Trim();

        var df = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "system", "df");
        var custom = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "system", "df", "--format", "{{.Type}}={{.TotalCount}}={{.Size}}={{.Reclaimable}}");

        Assert.True(df.ExitCode == 0, df.ToString());
        Assert.Matches(@"^TYPE\s+TOTAL\s+ACTIVE\s+SIZE\s+RECLAIMABLE\n", df.Stdout);
        Assert.Matches($@"(?m)^Images\s+1\s+0\s+{Regex.Escape(size)}\s+{Regex.Escape(size)} \(100%\)$", df.Stdout);
        Assert.Equal($"Images=1={size}={size} (100%)\nContainers=0=0B=0B\nLocal Volumes=0=0B=0B\nBuild Cache=0=0B=0B\n", custom.Stdout);
        Assert.NotEqual("0B", size);
    }

    private async Task<string> ImagesAsync(string ns)
        => (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "images", "--no-trunc", "--format", "{{.Repository}} {{.Tag}} {{.ID}}")).Stdout;
}
