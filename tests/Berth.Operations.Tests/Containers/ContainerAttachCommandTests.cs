using System.Text;
using Berth.Core.Engine;
using Berth.Core.Logs;
using Berth.Operations.Containers;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Containers;

/// <summary>`berth attach`: the states docker refuses, stdin, signals, the detach, and the container's exit code.</summary>
public sealed class ContainerAttachCommandTests
{
    private readonly FakeBerthClient _client = new();

    public ContainerAttachCommandTests() => Engine.Containers.AddRange(TestContainers.All);

    private FakeEngine Engine => _client.EngineFake;

    private Task<int> AttachAsync(FakeConsole console, string container = "runner", bool noStdin = false, bool sigProxy = true)
        => ContainerOperations.AttachAsync(_client,
            new ContainerAttachOptions { Container = container, NoStdin = noStdin, SigProxy = sigProxy, Console = console }, CancellationToken.None);

    // The runner as made with -i (and -t when asked), still running.
    private void Runner(bool tty = false, bool openStdin = true)
    {
        var runner = TestContainers.Runner;
        Engine.Containers[Engine.Containers.IndexOf(runner)] = runner with
        {
            Request = runner.Request with { OpenStdin = openStdin, Spec = runner.Request.Spec with { Tty = tty } },
        };
        Engine.Tty = tty;
    }

    [Theory]
    [InlineData("quit", ContainerStatus.Exited, "You cannot attach to a stopped container, start it first")]
    [InlineData("web", ContainerStatus.Created, "You cannot attach to a stopped container, start it first")]
    [InlineData("runner", ContainerStatus.Paused, "You cannot attach to a paused container, unpause it first")]
    [InlineData("runner", ContainerStatus.Restarting, "You cannot attach to a restarting container, wait until it is running")]
    public async Task Attach_NotRunning_RefusedInDockersWords(string name, ContainerStatus status, string message)
    {
        int index = Engine.Containers.FindIndex(c => c.Name == name);
        Engine.Containers[index] = Engine.Containers[index] with { State = new ContainerState(status) };

        var refused = await Assert.ThrowsAsync<ClientException>(() => AttachAsync(new FakeConsole(), name));

        Assert.Equal((message, 1), (refused.Message, refused.ExitCode));
        Assert.DoesNotContain(Engine.Calls, c => c.StartsWith("attach", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Attach_OutputByStreamUntilItEnds_ThenTheContainersExitCode()
    {
        Runner();
        Engine.KeepsRunning = true;
        var console = new FakeConsole("typed\n");
        var attach = AttachAsync(console);
        await Eventually.Until(() => Engine.Attachment?.InputClosed == true);
        await Engine.Attachment!.Send(new OutputChunk(LogStream.Stdout, "out\n"u8.ToArray()));
        await Engine.Attachment.Send(new OutputChunk(LogStream.Stderr, "err\n"u8.ToArray()));
        Engine.Exit(3);

        Assert.Equal(3, await attach);
        Assert.Equal(("out\n", "err\n"), (console.StdoutText, console.StderrText));
        Assert.Equal("typed\n", Encoding.UTF8.GetString(Engine.Attachment.Input.ToArray()));
        Assert.Contains($"attach {TestContainers.Runner.Id} stdin=True", Engine.Calls);
        Assert.Contains($"wait {TestContainers.Runner.Id} NotRunning", Engine.Calls);
    }

    [Fact]
    public async Task Attach_NoStdinOrNoneOpen_AttachesOutputOnly()
    {
        Runner(openStdin: false);
        Engine.KeepsRunning = true;
        var attach = AttachAsync(new FakeConsole("ignored"));
        await Eventually.Until(() => Engine.Attachment is not null);
        Engine.Exit(0);
        await attach;

        Assert.Contains($"attach {TestContainers.Runner.Id} stdin=False", Engine.Calls);
        Assert.Equal(0, Engine.Attachment!.Input.Length);
    }

    [Fact]
    public async Task Attach_SignalsGoToAContainerWithoutATerminal()
    {
        Runner();
        Engine.KeepsRunning = true;
        var console = new FakeConsole(new BlockingStream(), terminal: false);
        var attach = AttachAsync(console, noStdin: true);
        await Eventually.Until(() => console.Listening);

        console.Signal("SIGTERM");
        await Eventually.Until(() => Engine.Calls.Contains($"kill {TestContainers.Runner.Id} SIGTERM"));
        Engine.Exit(143);

        Assert.Equal(143, await attach);
    }

    [Fact]
    public async Task Attach_SigProxyOff_PassesNoSignals()
    {
        Runner();
        Engine.KeepsRunning = true;
        var console = new FakeConsole(new BlockingStream(), terminal: false);
        var attach = AttachAsync(console, noStdin: true, sigProxy: false);
        await Eventually.Until(() => Engine.Attachment is not null);

        Assert.False(console.Listening);
        Engine.Exit(0);
        Assert.Equal(0, await attach);
    }

    [Fact]
    public async Task Attach_TerminalDetachKeys_LeaveItRunning_ReadEscapeSequenceAndExit1()
    {
        Runner(tty: true);
        Engine.KeepsRunning = true;
        var console = new FakeConsole(new MemoryStream("echo back\r\u0010\u0011"u8.ToArray()), terminal: true);

        int code = await AttachAsync(console);

        Assert.Equal(1, code);
        Assert.Equal("read escape sequence\n", console.StderrText);
        Assert.Equal("echo back\r", Encoding.UTF8.GetString(Engine.Attachment!.Input.ToArray()));
        Assert.Equal([(80u, 24u)], Engine.Attachment.Resizes);
        Assert.False(console.Listening);
        Assert.DoesNotContain(Engine.Calls, c => c.StartsWith("wait", StringComparison.Ordinal) || c.StartsWith("kill", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Attach_TerminalContainerWithoutATerminalHere_Refused()
    {
        Runner(tty: true);

        var refused = await Assert.ThrowsAsync<ClientException>(() => AttachAsync(new FakeConsole()));

        Assert.Equal("the input device is not a TTY", refused.Message);
    }
}
