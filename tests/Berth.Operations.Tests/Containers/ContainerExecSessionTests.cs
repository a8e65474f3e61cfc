using System.Text;
using Berth.Core.Engine;
using Berth.Core.Logs;
using Berth.Operations.Containers;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Containers;

/// <summary>`berth exec`'s session: stdin, the terminal, the detach keys, and -d.</summary>
public sealed class ContainerExecSessionTests
{
    private readonly FakeBerthClient _client = new();

    public ContainerExecSessionTests() => Engine.Containers.AddRange(TestContainers.All);

    private FakeEngine Engine => _client.EngineFake;

    private Task<int> ExecAsync(FakeConsole console, ContainerExecOptions options)
        => ContainerOperations.ExecAsync(_client, options with { Console = console, Host = new FlagHost(_ => null, "/", 2) }, CancellationToken.None);

    private static ContainerExecOptions Options(params string[] command) => new() { Container = "runner", Command = command, Console = new FakeConsole() };

    [Fact]
    public async Task Exec_Interactive_CopiesStdinThenClosesIt()
    {
        Engine.ExecKeepsRunning = true;
        var run = ExecAsync(new FakeConsole("piped\n"), Options("cat") with { Interactive = true });
        await Eventually.Until(() => Engine.Exec?.Attachment.InputClosed == true);
        Engine.Exec!.End(0);

        Assert.Equal(0, await run);
        Assert.True(Engine.Execs[0].Stdin);
        Assert.Equal("piped\n", Encoding.UTF8.GetString(Engine.Exec.Attachment.Input.ToArray()));
    }

    [Fact]
    public async Task Exec_Tty_RawWhileAttached_SizeSentAtStartAndOnResize_OneStream()
    {
        Engine.ExecKeepsRunning = true;
        Engine.ExecOutput.Add(new OutputChunk(LogStream.Stderr, "prompt# "u8.ToArray()));
        var console = new FakeConsole(new BlockingStream(), terminal: true);
        var run = ExecAsync(console, Options("sh") with { Interactive = true, Tty = true });
        await Eventually.Until(() => Engine.Exec?.Attachment.Resizes.Count == 1);
        Assert.True(console.RawNow);

        console.Resize(132, 43);
        await Eventually.Until(() => Engine.Exec!.Attachment.Resizes.Count == 2);
        Engine.Exec!.End(3);

        Assert.Equal(3, await run);
        Assert.Equal([(80u, 24u), (132u, 43u)], Engine.Exec.Attachment.Resizes);
        Assert.Equal(("prompt# ", ""), (console.StdoutText, console.StderrText));
        Assert.False(console.RawNow);
        Assert.False(console.Listening); // docker's exec passes no signals on
    }

    [Fact]
    public async Task Exec_TtyDetachKeys_LeaveTheProcessRunning_ReadEscapeSequenceAndExit1()
    {
        Engine.ExecKeepsRunning = true;
        var console = new FakeConsole(new MemoryStream("ls\u0001q"u8.ToArray()), terminal: true);

        int code = await ExecAsync(console, Options("sh") with { Interactive = true, Tty = true, DetachKeys = "ctrl-a,q" });

        Assert.Equal(1, code);
        Assert.Equal("read escape sequence\n", console.StderrText);
        Assert.Equal("ls", Encoding.UTF8.GetString(Engine.Exec!.Attachment.Input.ToArray()));
        Assert.True(Engine.Exec.Attachment.Disposed);
    }

    [Fact]
    public async Task Exec_InteractiveTtyWithoutATerminal_RefusedBeforeTheEngine()
    {
        var refused = await Assert.ThrowsAsync<ClientException>(() => ExecAsync(new FakeConsole(), Options("sh") with { Interactive = true, Tty = true }));

        Assert.Equal(("the input device is not a TTY", 1), (refused.Message, refused.ExitCode));
        Assert.Empty(Engine.Calls);
    }

    [Fact]
    public async Task Exec_Detach_ReturnsAtOnceWithoutStdin()
    {
        Engine.ExecKeepsRunning = true;
        var console = new FakeConsole();

        Assert.Equal(0, await ExecAsync(console, Options("sleep", "9") with { Detach = true, Interactive = true }));

        Assert.False(Engine.Execs[0].Stdin);
        Assert.True(Engine.Exec!.Attachment.Disposed);
        Assert.Equal(string.Empty, console.StdoutText + console.StderrText);
    }
}
