using System.Formats.Tar;
using Berth.Integration.Tests.Infrastructure;
using Berth.Testing;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>
/// `berth cp` both ways and `berth export` end to end against the shared berthd, on running and stopped containers; the
/// results are read back as tars and compared entry by entry (type, mode, owner, content), and the errors as docker 28
/// against dockerd 20.10 prints them.
/// </summary>
public sealed partial class CopyExportCommandTests(EngineFixture engine) : IDisposable
{
    private readonly TempDirectory _dir = new("cp");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Copy_IntoRunningAndStoppedContainers_KeepsOwnersModesAndContents()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        string source = LocalTree();
        await session.OkAsync("run", "-d", "--name", "live", session.Image, "sleep", "600");
        await session.OkAsync("create", "--name", "cold", session.Image, "sleep", "600");
        foreach (string container in new[] { "live", "cold" })
        {
            await session.OkAsync("cp", Path.Join(source, "file"), $"{container}:/f1");
            await session.OkAsync("cp", Path.Join(source, "dir"), $"{container}:/d1");      // d1 is new: the folder becomes d1
            await session.OkAsync("cp", Path.Join(source, "dir"), $"{container}:/d1");      // d1 exists: the folder goes into it
            await session.OkAsync("cp", Path.Join(source, "dir") + "/.", $"{container}:/d3"); // its contents
            await session.OkAsync("cp", Path.Join(source, "file"), $"{container}:/d3/");
            await session.OkAsync("cp", "-L", Path.Join(source, "flink"), $"{container}:/followed");

            var tree = await ReadAsync(session, $"{container}:/");
            AssertFile(tree, "./f1", 0b110_100_000, 1234, 5678, "hello\n");
            AssertFile(tree, "./d1/a", 0b100_111_101_101, 1234, 5678, "x\n"); // setuid kept
            AssertFile(tree, "./d1/sub/b", 0b110_100_100, 0, 0, "y\n");
            Assert.Equal((TarEntryType.SymbolicLink, "a"), (tree["./d1/link"].EntryType, tree["./d1/link"].LinkName));
            AssertFile(tree, "./d1/dir/a", 0b100_111_101_101, 1234, 5678, "x\n");
            AssertFile(tree, "./d3/a", 0b100_111_101_101, 1234, 5678, "x\n");
            AssertFile(tree, "./d3/file", 0b110_100_000, 1234, 5678, "hello\n");
            AssertFile(tree, "./followed", 0b110_100_000, 1234, 5678, "hello\n");
            Assert.False(tree.ContainsKey("./d3/dir/a"));
        }

        // What went into the stopped container is there once it runs.
        await session.OkAsync("start", "cold");
        Assert.Equal("hello\n", (await session.OkAsync("exec", "cold", "cat", "/d3/file")).Stdout);
        Assert.Empty(LeftMounts());
    }

    [Fact]
    public async Task Copy_OutOfContainer_FollowsDockersRulesWithinTheRoot()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "src", session.Image, "sh", "-c",
            "mkdir -p /data/sub && echo hi > /data/f && chmod 4750 /data/f && ln -s f /data/l && ln -s /data /dl && ln -s ../../../../.. /up && touch /ready && sleep 600");
        await WaitForAsync(session, "src", "/ready");
        foreach (bool stopped in new[] { false, true })
        {
            if (stopped)
            {
                await session.OkAsync("stop", "-t", "0", "src");
            }

            string output = _dir.Combine(stopped ? "stopped" : "running");
            Directory.CreateDirectory(Path.Join(output, "existing"));
            await session.OkAsync("cp", "src:/data", Path.Join(output, "data"));
            await session.OkAsync("cp", "src:/data/.", Path.Join(output, "existing"));
            await session.OkAsync("cp", "src:/data/f", Path.Join(output, "existing", "renamed"));
            await session.OkAsync("cp", "src:/dl", Path.Join(output, "dl"));
            await session.OkAsync("cp", "-L", "src:/dl", Path.Join(output, "dl2"));
            await session.OkAsync("cp", "src:/up/data/f", Path.Join(output, "up")); // a link climbing out stays inside the root

            Assert.Equal("hi\n", File.ReadAllText(Path.Join(output, "data", "f")));
            Assert.Equal(UnixFileMode.SetUser | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                | UnixFileMode.GroupExecute, File.GetUnixFileMode(Path.Join(output, "data", "f")));
            Assert.Equal("f", new FileInfo(Path.Join(output, "data", "l")).LinkTarget);
            Assert.True(Directory.Exists(Path.Join(output, "data", "sub")));
            Assert.Equal("hi\n", File.ReadAllText(Path.Join(output, "existing", "f")));
            Assert.Equal("hi\n", File.ReadAllText(Path.Join(output, "existing", "renamed")));
            Assert.Equal("/data", new FileInfo(Path.Join(output, "dl")).LinkTarget);
            Assert.Equal("hi\n", File.ReadAllText(Path.Join(output, "dl2", "f")));
            Assert.Null(new DirectoryInfo(Path.Join(output, "dl2")).LinkTarget);
            Assert.Equal("hi\n", File.ReadAllText(Path.Join(output, "up")));
        }

        Assert.Empty(LeftMounts());
    }

    [Fact]
    public async Task Copy_Errors_AreDockers()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("create", "--name", "c1", session.Image, "sleep", "600");
        string local = LocalTree();
        Directory.CreateDirectory(_dir.Combine("out"));
        File.WriteAllText(_dir.Combine("out", "file"), "x");

        await AssertErrorAsync(session, "Error response from daemon: Could not find the file /nope in container c1\n", "cp", "c1:/nope", _dir.Combine("out", "x"));
        await AssertErrorAsync(session, "Error response from daemon: No such container: nope\n", "cp", "nope:/x", _dir.Combine("out", "x"));
        await AssertErrorAsync(session, "Error response from daemon: Could not find the file /nodir in container c1\n",
            "cp", Path.Join(local, "file"), "c1:/nodir/x");
        await AssertErrorAsync(session, "no such directory\n", "cp", Path.Join(local, "file"), "c1:/nodir/");
        await AssertErrorAsync(session, "cannot copy directory\n", "cp", Path.Join(local, "dir"), "c1:/bin/busybox");
        await AssertErrorAsync(session, "cannot copy directory\n", "cp", "c1:/bin", _dir.Combine("out", "file"));
        await AssertErrorAsync(session, "no such directory\n", "cp", "c1:/bin/busybox", _dir.Combine("out", "nodir") + "/");
        await AssertErrorAsync(session, $"invalid output path: directory \"{_dir.Combine("out", "nodir")}\" does not exist\n",
            "cp", "c1:/bin/busybox", _dir.Combine("out", "nodir", "x"));
        await AssertErrorAsync(session, $"lstat {local}/nope: no such file or directory\n", "cp", Path.Join(local, "nope"), "c1:/");
        await AssertErrorAsync(session, "must specify at least one container source\n", "cp", Path.Join(local, "file"), _dir.Combine("out", "y"));
        await AssertErrorAsync(session, "copying between containers is not supported\n", "cp", "c1:/a", "c1:/b");
        await AssertErrorAsync(session, "destination \"c1:/bin/busybox\" must be a directory\n", "cp", "-", "c1:/bin/busybox");
        Assert.Empty(LeftMounts());
    }

    private static async Task AssertErrorAsync(ContainerCliSession session, string stderr, params string[] arguments)
    {
        var result = await session.RunAsync(arguments);
        Assert.Equal((1, stderr), (result.ExitCode, result.Stderr));
    }

    // Mount points the copies made under berthd's state and left behind (none, whatever happened).
    private List<string> LeftMounts()
        => [.. File.ReadAllLines("/proc/self/mountinfo").Where(line => line.Contains(engine.Daemon.State + "/containers/mount-", StringComparison.Ordinal))];

    private static async Task WaitForAsync(ContainerCliSession session, string container, string path)
    {
        for (int i = 0; i < 100 && (await session.RunAsync("exec", container, "cat", path)).ExitCode != 0; i++)
        {
            await Task.Delay(100);
        }
    }
}
