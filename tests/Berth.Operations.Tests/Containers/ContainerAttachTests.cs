using System.Text;
using Berth.Operations.Auth;
using Berth.Operations.Containers;
using Berth.Operations.Tests.Fakes;
using Berth.Testing;

namespace Berth.Operations.Tests.Containers;

/// <summary>run's attached session: stdin, the detach keys, signals, the terminal.</summary>
public sealed class ContainerAttachTests : IDisposable
{
    private readonly FakeBerthClient _client = new();
    private readonly TempDirectory _dir = new("attach");

    public void Dispose() => _dir.Dispose();

    private FakeEngine Engine => _client.EngineFake;

    private Task<int> RunAsync(FakeConsole console, bool interactive = true, bool tty = false) => ContainerOperations.RunAsync(_client, new ContainerRunOptions
    {
        Flags = new ContainerCreateFlags { Image = "busybox", Interactive = interactive, Tty = tty },
        Credentials = new CredentialStore(DockerConfigFile.Load(_dir.Combine("config.json"))),
        Console = console,
        Host = new FlagHost(_ => null, "/", 2),
    }, CancellationToken.None);

    private static async Task Until(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task Interactive_CopiesStdinThenClosesIt()
    {
        Engine.KeepsRunning = true;
        var run = RunAsync(new FakeConsole("hello\n"));
        await Until(() => Engine.Attachment?.InputClosed == true);
        Engine.Exit(0);

        Assert.Equal(0, await run);
        Assert.Equal("hello\n", Encoding.UTF8.GetString(Engine.Attachment!.Input.ToArray()));
        Assert.Contains($"attach {FakeEngine.Id} stdin=True", Engine.Calls);
    }

    [Fact]
    public async Task DetachKeys_DetachWithoutStoppingTheContainer()
    {
        Engine.Tty = true;
        Engine.KeepsRunning = true;

        int code = await RunAsync(new FakeConsole(new MemoryStream("ab\u0010x\u0010\u0011cd"u8.ToArray()), terminal: true), tty: true);

        Assert.Equal(0, code);
        // A Ctrl-P not followed by Ctrl-Q was the user's own input.
        Assert.Equal("ab\u0010x", Encoding.UTF8.GetString(Engine.Attachment!.Input.ToArray()));
        Assert.True(Engine.Attachment.Disposed);
        Assert.DoesNotContain(Engine.Calls, c => c.StartsWith("stop", StringComparison.Ordinal) || c.StartsWith("kill", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DetachKeys_WithoutATerminal_ReachTheContainerAsTyped()
    {
        Engine.KeepsRunning = true;
        var run = RunAsync(new FakeConsole("a\u0010\u0011b"));
        await Until(() => Engine.Attachment?.InputClosed == true);
        Engine.Exit(0);

        Assert.Equal(0, await run);
        Assert.Equal("a\u0010\u0011b", Encoding.UTF8.GetString(Engine.Attachment!.Input.ToArray()));
    }

    [Fact]
    public async Task Signals_ArePassedToTheContainer()
    {
        Engine.KeepsRunning = true;
        var console = new FakeConsole(new BlockingStream(), terminal: false);
        var run = RunAsync(console, interactive: false);
        await Until(() => console.Listening);

        console.Signal("SIGINT");
        await Until(() => Engine.Calls.Contains($"kill {FakeEngine.Id} SIGINT"));
        Engine.Exit(130);

        Assert.Equal(130, await run);
    }

    [Fact]
    public async Task Terminal_RawWhileAttached_SizeSentAtStartAndOnResize()
    {
        Engine.Tty = true;
        Engine.KeepsRunning = true;
        var console = new FakeConsole(new BlockingStream(), terminal: true);
        var run = RunAsync(console, tty: true);
        await Until(() => Engine.Attachment?.Resizes.Count == 1);
        Assert.True(console.RawNow);

        console.Resize(120, 40);
        await Until(() => Engine.Attachment!.Resizes.Count == 2);
        Engine.Exit(0);

        Assert.Equal(0, await run);
        Assert.Equal([(80u, 24u), (120u, 40u)], Engine.Attachment!.Resizes);
        Assert.False(console.RawNow);
    }

    [Fact]
    public void DetachKeys_UnknownKey_RefusedInDockersWords()
        => Assert.Equal("invalid detach keys (ctrl-xx): Unknown character: 'ctrl-xx'",
            Assert.Throws<Berth.Operations.Output.ClientException>(() => DetachKeys.Parse("ctrl-xx")).Message);

    [Fact]
    public void DetachKeys_OtherSequence_Detects()
    {
        var keys = DetachKeys.Parse("ctrl-a,q");
        var forward = new List<byte>();

        Assert.False(keys.Scan("xy\u0001"u8, forward));
        Assert.True(keys.Scan("q"u8, forward));
        Assert.Equal("xy"u8.ToArray(), forward);
    }
}
