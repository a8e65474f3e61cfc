using System.Text.RegularExpressions;
using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>
/// `berth diff` and `berth commit` against the shared berthd: the lines docker prints for files added, changed and
/// deleted, and a committed image that runs with the container's files and the config changes given.
/// </summary>
public sealed partial class DiffCommitCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task Diff_ListsAddedChangedAndDeletedPaths_ParentsFirst_AsDocker()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "--name", "box", session.Image, "sh", "-c",
            "echo x > /etc/x; busybox chmod 700 /bin/busybox; busybox rm /bin/false; busybox mkdir -p /new/deep; echo > /new/deep/f");

        var diff = await session.OkAsync("diff", "box");

        Assert.Equal("C /bin\nC /bin/busybox\nD /bin/false\nC /etc\nA /etc/x\nA /new\nA /new/deep\nA /new/deep/f\n", diff.Stdout);
        Assert.Equal(diff.Stdout, (await session.OkAsync("container", "diff", "box")).Stdout);
    }

    [Fact]
    public async Task Diff_NewContainerHasNoChanges_MissingOneIsDockersError()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("create", "--name", "fresh", session.Image, "true");

        Assert.Equal(string.Empty, (await session.OkAsync("diff", "fresh")).Stdout);
        var missing = await session.RunAsync("diff", "nosuch");
        Assert.Equal((1, "Error response from daemon: No such container: nosuch\n"), (missing.ExitCode, missing.Stderr));
    }

    [Fact]
    public async Task Commit_TheImageRunsWithTheFilesAndChanges_AndInspectShowsMessageAndAuthor()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "--name", "src", "-e", "FOO=1", session.Image, "sh", "-c", "echo committed > /etc/x");

        string id = (await session.OkAsync("commit", "-m", "my msg", "-a", "Me <me@x>", "-c", "CMD [\"cat\", \"/etc/x\"]", "-c", "ENV BAR=2",
            "src", "test/committed:v1")).Stdout.Trim();

        Assert.Matches(ImageId(), id);
        Assert.Equal("committed\n", (await session.OkAsync("run", "--rm", "test/committed:v1")).Stdout);
        string inspected = (await session.OkAsync("inspect", "--type", "image", "-f",
            "{{.Id}}|{{.Comment}}|{{.Author}}|{{json .Config.Cmd}}|{{json .Config.Env}}|{{len .RootFS.Layers}}", "test/committed:v1")).Stdout;
        Assert.Equal($"{id}|my msg|Me <me@x>|[\"cat\",\"/etc/x\"]|[\"PATH=/bin\",\"FOO=1\",\"BAR=2\"]|2\n", inspected);

        // A container of the new image changes the committed file: the diff is against the committed layer.
        await session.OkAsync("run", "--name", "next", "test/committed:v1", "sh", "-c", "echo changed > /etc/x");
        Assert.Equal("C /etc\nC /etc/x\n", (await session.OkAsync("diff", "next")).Stdout);

        // Without a name the image is found by its id only: whole, or its short form, as docker runs it.
        string unnamed = (await session.OkAsync("container", "commit", "next")).Stdout.Trim();
        Assert.Equal($"{unnamed} []\n", (await session.OkAsync("inspect", "--type", "image", "-f", "{{.Id}} {{json .RepoTags}}", unnamed)).Stdout);
        Assert.Equal("changed\n", (await session.OkAsync("run", "--rm", unnamed, "cat", "/etc/x")).Stdout);
        Assert.Equal("changed\n", (await session.OkAsync("run", "--rm", unnamed["sha256:".Length..][..12], "cat", "/etc/x")).Stdout);
        await session.OkAsync("tag", unnamed, "test/next");
        Assert.Equal("changed\n", (await session.OkAsync("run", "--rm", "test/next", "cat", "/etc/x")).Stdout);
    }

    [Fact]
    public async Task Commit_RunningContainer_IsPausedOnlyWhileRead_AndKeepsRunning()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "live", session.Image, "sh", "-c", "echo live > /tmp/live; exec sleep 600");
        await WaitForFileAsync(session, "live", "/tmp/live");

        await session.OkAsync("commit", "live", "test/live");
        await session.OkAsync("commit", "--pause=false", "live", "test/live:nopause");

        Assert.Equal("running false\n", (await session.OkAsync("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", "live")).Stdout);
        Assert.Equal("live\n", (await session.OkAsync("run", "--rm", "test/live", "cat", "/tmp/live")).Stdout);
        Assert.Equal("live\n", (await session.OkAsync("run", "--rm", "test/live:nopause", "cat", "/tmp/live")).Stdout);
    }

    [Fact]
    public async Task Commit_Refusals_AreDockers_AndLeaveNoImage()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("create", "--name", "box", session.Image, "true");
        string before = (await session.OkAsync("images", "-q", "--no-trunc")).Stdout;

        var missing = await session.RunAsync("commit", "nosuch", "test/x");
        Assert.Equal((1, "Error response from daemon: No such container: nosuch\n"), (missing.ExitCode, missing.Stderr));
        var badChange = await session.RunAsync("commit", "-c", "FOO bar", "box", "test/x");
        Assert.Equal((1, "Error response from daemon: foo is not a valid change command\n"), (badChange.ExitCode, badChange.Stderr));
        var badName = await session.RunAsync("commit", "box", "Bad:Name");
        Assert.Equal((1, "invalid reference format: repository name (library/Bad) must be lowercase\n"), (badName.ExitCode, badName.Stderr));

        Assert.Equal(before, (await session.OkAsync("images", "-q", "--no-trunc")).Stdout);
    }

    private static async Task WaitForFileAsync(ContainerCliSession session, string container, string path)
    {
        for (var deadline = DateTime.UtcNow + ContainerCliSession.Timeout; DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if ((await session.RunAsync("exec", container, "cat", path)).ExitCode == 0)
            {
                return;
            }
        }

        Assert.Fail($"{path} never appeared in {container}");
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex ImageId();
}
