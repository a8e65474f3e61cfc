using System.Runtime.CompilerServices;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>
/// `berth volume …` and volumes under `run -v` end to end against the shared berthd, with the outputs docker 28 printed
/// for the same steps. Each test works in a namespace of its own and leaves no container or volume behind.
/// </summary>
public sealed class VolumeCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task CreateListInspectRemove_AsDocker()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await InSessionAsync(async session =>
        {
            Assert.Equal("data\n", (await session.OkAsync("volume", "create", "data")).Stdout);
            Assert.Equal("labelled\n", (await session.OkAsync("volume", "create", "--label", "a=b", "-o", "type=tmpfs", "labelled")).Stdout);
            Assert.Equal("data\n", (await session.OkAsync("volume", "create", "data")).Stdout);

            Assert.Equal("DRIVER    VOLUME NAME\nlocal     data\nlocal     labelled\n", (await session.OkAsync("volume", "ls")).Stdout);
            Assert.Equal("labelled\n", (await session.OkAsync("volume", "ls", "-q", "--filter", "label=a=b")).Stdout);

            using var document = JsonDocument.Parse((await session.OkAsync("volume", "inspect", "data")).Stdout);
            var data = Assert.Single(document.RootElement.EnumerateArray());
            Assert.Equal(["CreatedAt", "Driver", "Labels", "Mountpoint", "Name", "Options", "Scope"], data.EnumerateObject().Select(p => p.Name));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$", data.GetProperty("CreatedAt").GetString());
            Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (data.GetProperty("Labels").ValueKind, data.GetProperty("Options").ValueKind));
            Assert.Equal(("local", "data", "local"), (data.GetProperty("Driver").GetString(), data.GetProperty("Name").GetString(), data.GetProperty("Scope").GetString()));
            Assert.True(Directory.Exists(data.GetProperty("Mountpoint").GetString()));

            Assert.Equal("labelled map[a:b] map[type:tmpfs]\n",
                (await session.OkAsync("volume", "inspect", "-f", "{{.Name}} {{.Labels}} {{.Options}}", "labelled")).Stdout);
            var missing = Expect(1, await session.RunAsync("volume", "inspect", "data", "nope"));
            Assert.StartsWith("[\n    {\n", missing.Stdout, StringComparison.Ordinal);
            Assert.Equal("Error response from daemon: get nope: no such volume\n", missing.Stderr);

            var removed = Expect(1, await session.RunAsync("volume", "rm", "data", "nope"));
            Assert.Equal(("data\n", "Error response from daemon: get nope: no such volume\n"), (removed.Stdout, removed.Stderr));
            Assert.Equal("nope\n", (await session.OkAsync("volume", "rm", "-f", "nope")).Stdout);
            Assert.Equal("labelled\n", (await session.OkAsync("volume", "ls", "-q")).Stdout);
        });
    }

    [Fact]
    public async Task Run_NamedVolume_KeepsWhatOneContainerWroteForTheNext()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await InSessionAsync(async session =>
        {
            await session.OkAsync("run", "--rm", "-v", "data:/data", session.Image, "sh", "-c", "echo x > /data/f");

            Assert.Equal("x\n", (await session.OkAsync("run", "--rm", "-v", "data:/data", session.Image, "cat", "/data/f")).Stdout);
            Assert.Equal("x\n", (await session.OkAsync("run", "--rm", "--mount", "type=volume,src=data,dst=/in,readonly", session.Image, "cat", "/in/f")).Stdout);
            Assert.Equal("DRIVER    VOLUME NAME\nlocal     data\n", (await session.OkAsync("volume", "ls")).Stdout);
        });
    }

    [Fact]
    public async Task Run_FreshVolumeOverAnImageFolder_IsFilledWithTheImagesFiles()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await InSessionAsync(async session =>
        {
            string listing = (await session.OkAsync("run", "--rm", "-v", "fresh:/bin", session.Image, "ls", "/bin")).Stdout;

            Assert.Contains("busybox", listing.Split('\n'));
            string folder = (await session.OkAsync("volume", "inspect", "-f", "{{.Mountpoint}}", "fresh")).Stdout.Trim();
            Assert.True(File.Exists(Path.Join(folder, "busybox")), $"{folder} has no busybox");
            Assert.Equal("busybox", new FileInfo(Path.Join(folder, "sh")).LinkTarget); // links are copied as links
        });
    }

    [Fact]
    public async Task RmV_RemovesTheAnonymousVolume_VolumeRmOfAUsedOneFailsInDockersWords()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await InSessionAsync(async session =>
        {
            string id = (await session.OkAsync("create", "--name", "user", "-v", "/anon", "-v", "kept:/kept", session.Image, "true")).Stdout.Trim();
            string anonymous = (await session.OkAsync("volume", "ls", "-q", "--filter", "label=com.docker.volume.anonymous")).Stdout.Trim();
            Assert.Matches("^[0-9a-f]{64}$", anonymous);

            foreach (string volume in new[] { anonymous, "kept" })
            {
                var refused = Expect(1, await session.RunAsync("volume", "rm", volume));
                Assert.Equal(("", $"Error response from daemon: remove {volume}: volume is in use - [{id}]\n"), (refused.Stdout, refused.Stderr));
            }

            Assert.Equal("user\n", (await session.OkAsync("rm", "-v", "user")).Stdout);
            Assert.Equal("kept\n", (await session.OkAsync("volume", "ls", "-q")).Stdout);
        });
    }

    [Fact]
    public async Task Prune_AsksFirst_AnonymousOnlyUnlessAll_ReportsTheSpace()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await InSessionAsync(async session =>
        {
            await session.OkAsync("run", "--rm", "-v", "keep:/k", session.Image, "sh", "-c", "printf 12345 > /k/f");
            await session.OkAsync("create", "--name", "gone", "-v", "/a", session.Image, "true");
            await session.OkAsync("rm", "gone"); // without -v: its anonymous volume stays, unused
            string anonymous = (await session.OkAsync("volume", "ls", "-q", "--filter", "dangling=true", "--filter", "name=^[0-9a-f]{64}$")).Stdout.Trim();

            const string Question = "Are you sure you want to continue? [y/N] ";
            Assert.Equal("WARNING! This will remove anonymous local volumes not used by at least one container.\n" + Question,
                Expect(0, await session.RunWithStdinAsync("n\n", "volume", "prune")).Stdout);
            Assert.Equal($"WARNING! This will remove anonymous local volumes not used by at least one container.\n{Question}Deleted Volumes:\n{anonymous}\n\nTotal reclaimed space: 0B\n",
                Expect(0, await session.RunWithStdinAsync("y\n", "volume", "prune")).Stdout);

            Assert.Equal("Deleted Volumes:\nkeep\n\nTotal reclaimed space: 5B\n", (await session.OkAsync("volume", "prune", "-a", "-f")).Stdout);
            Assert.Equal("Total reclaimed space: 0B\n", (await session.OkAsync("volume", "prune", "-a", "-f")).Stdout);
        });
    }

    // The session removes its containers first, so that every volume is unused by the time they are all pruned.
    private async Task InSessionAsync(Func<ContainerCliSession, Task> test, [CallerMemberName] string name = "")
    {
        var session = await StartAsync(engine, name);
        try
        {
            await test(session);
        }
        finally
        {
            await session.DisposeAsync();
            await session.RunAsync("volume", "prune", "-a", "-f");
        }
    }
}
