using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Cli;

/// <summary>
/// `berth images`, `tag`, `rmi` and `image inspect` over images that Debian's ctr pulled into berthd, so every fact the
/// CLI prints is checked against what another tool wrote.
/// </summary>
public sealed class ImageCommandsTests(EngineFixture engine)
{
    [Fact]
    public async Task Images_AfterCtrPull_DockersTableWithTheConfigDigestAsId()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        var image = await PullWithCtrAsync(ns, engine.BusyboxRef);

        var table = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "images");

        Assert.True(table.ExitCode == 0, table.ToString());
        string repository = engine.BusyboxRef[..engine.BusyboxRef.LastIndexOf(':')];
        Assert.Matches(@"^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE\n", table.Stdout);
        Assert.Matches($@"(?m)^{Regex.Escape(repository)}\s+latest\s+{image.Config[7..19]}\s+N/A\s+\d+(\.\d+)?[kMG]?B$", table.Stdout);
        Assert.Equal(2, table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var digests = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "images", "--digests", "--no-trunc", "--format", "{{.Digest}} {{.ID}}");
        Assert.Equal($"{image.Target} {image.Config}\n", digests.Stdout);
    }

    [Fact]
    public async Task Tag_ThenRmi_UntagsOnlyThatName()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        var image = await PullWithCtrAsync(ns, engine.BusyboxRef);

        var tag = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "tag", engine.BusyboxRef, "mine:v1");
        Assert.True(tag.ExitCode == 0, tag.ToString());
        Assert.Contains("docker.io/library/mine:v1", (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "ls", "-q")).Stdout, StringComparison.Ordinal);
        var listed = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}");
        Assert.Contains($"mine:v1 {image.Config[7..19]}\n", listed.Stdout, StringComparison.Ordinal);

        var rmi = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "rmi", "mine:v1");

        Assert.Equal((0, "Untagged: mine:v1\n"), (rmi.ExitCode, rmi.Stdout));
        Assert.Equal(engine.BusyboxRef + "\n", (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "ls", "-q")).Stdout);
    }

    [Fact]
    public async Task Rmi_IdOfAnImageInTwoRepositories_NeedsForceThenDeletesIt()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        var image = await PullWithCtrAsync(ns, engine.BusyboxRef);
        Assert.Equal(0, (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "image", "tag", engine.BusyboxRef, "other/name")).ExitCode);

        var refused = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "rmi", image.Config[7..15]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"Error response from daemon: conflict: unable to delete {image.Config[7..19]} (must be forced) - image is referenced in multiple repositories\n",
            refused.Stderr);

        var forced = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "image", "rm", "-f", image.Config[7..15]);

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal($"Untagged: {engine.BusyboxRef}\nUntagged: other/name:latest\nDeleted: {image.Config}\n", forced.Stdout);
        Assert.Equal(string.Empty, (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "ls", "-q")).Stdout);
    }

    [Fact]
    public async Task Inspect_LayeredImage_DockersShapeFromTheStoredConfig()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        var image = await PullWithCtrAsync(ns, engine.LayeredRef);

        var inspect = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "image", "inspect", engine.LayeredRef);

        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        using var json = JsonDocument.Parse(inspect.Stdout);
        var only = Assert.Single(json.RootElement.EnumerateArray());
        string repository = engine.LayeredRef[..engine.LayeredRef.LastIndexOf(':')];
        Assert.Equal(image.Config, only.GetProperty("Id").GetString());
        Assert.Equal([engine.LayeredRef], only.GetProperty("RepoTags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([$"{repository}@{image.Target}"], only.GetProperty("RepoDigests").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(("amd64", "linux"), (only.GetProperty("Architecture").GetString(), only.GetProperty("Os").GetString()));
        Assert.Equal(["sh"], only.GetProperty("Config").GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, only.GetProperty("RootFS").GetProperty("Layers").GetArrayLength());
        Assert.True(only.GetProperty("Size").GetInt64() > 0);
    }

    [Theory]
    [InlineData("rmi", "nosuch")]
    [InlineData("tag", "nosuch", "x")]
    [InlineData("image", "inspect", "nosuch")]
    public async Task UnknownImage_NoSuchImageAndExitOne(params string[] command)
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");

        var result = await BerthCli.RunAsync(engine.Daemon, ["-n", Names.Namespace(), .. command]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error response from daemon: No such image: nosuch:latest\n", result.Stderr);
    }

    [Fact]
    public async Task Images_BadFilter_ExitOneAndBadFlagValue_Exit125()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");

        var unknown = await BerthCli.RunAsync(engine.Daemon, "images", "--filter", "color=red");
        var malformed = await BerthCli.RunAsync(engine.Daemon, "images", "--filter", "nonsense");

        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("Error response from daemon: invalid filter 'color'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(125, malformed.ExitCode);
    }

    private async Task<(string Target, string Config)> PullWithCtrAsync(string ns, string reference)
    {
        var pull = await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "pull", "--plain-http", reference);
        Assert.True(pull.ExitCode == 0, pull.ToString());
        string listing = (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "ls")).Stdout;
        string target = Regex.Match(listing, $@"(?m)^{Regex.Escape(reference)}\s+\S+\s+(sha256:[0-9a-f]{{64}})").Groups[1].Value;
        string manifest = (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "content", "get", target)).Stdout;
        using var json = JsonDocument.Parse(manifest);
        return (target, json.RootElement.GetProperty("config").GetProperty("digest").GetString()!);
    }
}
