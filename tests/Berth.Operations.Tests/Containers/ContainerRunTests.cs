using System.Text;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Logs;
using Berth.Core.Transfer;
using Berth.Operations.Auth;
using Berth.Operations.Containers;
using Berth.Operations.Tests.Fakes;
using Berth.Testing;

namespace Berth.Operations.Tests.Containers;

public sealed class ContainerRunTests : IDisposable
{
    private readonly FakeBerthClient _client = new();
    private readonly TempDirectory _dir = new("run");

    public void Dispose() => _dir.Dispose();

    private FakeEngine Engine => _client.EngineFake;

    private ContainerRunOptions Options(FakeConsole console, string image = "busybox", bool detach = false, bool interactive = false, bool tty = false)
        => new()
        {
            Flags = new ContainerCreateFlags { Image = image, Interactive = interactive, Tty = tty },
            Detach = detach,
            Credentials = new CredentialStore(DockerConfigFile.Load(_dir.Combine("config.json"))),
            Console = console,
            Host = new FlagHost(_ => null, "/", 2),
        };

    private static OutputChunk Chunk(LogStream stream, string text) => new(stream, Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Run_AttachesBeforeStart_WaitsOnceStarted_RoutesOutputByStream_ReturnsTheExitCode()
    {
        Engine.Output.AddRange([Chunk(LogStream.Stdout, "out\n"), Chunk(LogStream.Stderr, "err\n")]);
        Engine.ExitCode = 3;
        var console = new FakeConsole();

        int code = await ContainerOperations.RunAsync(_client, Options(console), CancellationToken.None);

        Assert.Equal(3, code);
        Assert.Equal(["create busybox", $"attach {FakeEngine.Id} stdin=False", $"start {FakeEngine.Id}", $"wait {FakeEngine.Id} NotRunning"], Engine.Calls);
        Assert.Equal("out\n", console.StdoutText);
        Assert.Equal("err\n", console.StderrText);
    }

    [Theory]
    [InlineData(false, "", true, true)]
    [InlineData(true, "", false, false)]
    [InlineData(false, "stderr", false, true)]
    [InlineData(false, "STDOUT", true, false)]
    [InlineData(false, "stdin", false, false)]
    public async Task Run_RecordsTheStreamsItAttaches_AsDockersConfigShowsThem(bool detach, string attach, bool stdout, bool stderr)
    {
        var console = new FakeConsole();
        var options = Options(console, detach: detach) with { Attach = attach.Length == 0 ? [] : [attach] };

        await ContainerOperations.RunAsync(_client, options, CancellationToken.None);

        var created = Assert.Single(Engine.Creates);
        Assert.Equal((stdout, stderr), (created.AttachStdout, created.AttachStderr));
    }

    [Fact]
    public async Task Create_WithoutAttach_RecordsStdoutAndStderrAttached_AsDockerCreateDoes()
    {
        var console = new FakeConsole();
        Assert.Equal(0, await ContainerOperations.CreateAsync(_client, Options(console), CancellationToken.None));
        Assert.Equal((true, true), (Engine.Creates[0].AttachStdout, Engine.Creates[0].AttachStderr));
        Assert.Equal(0, await ContainerOperations.CreateAsync(_client, Options(console) with { Attach = ["stderr"] }, CancellationToken.None));
        Assert.Equal((false, true), (Engine.Creates[1].AttachStdout, Engine.Creates[1].AttachStderr));
    }

    [Fact]
    public async Task Run_Rm_WaitsForTheRemoval()
    {
        var console = new FakeConsole();
        var options = Options(console);

        await ContainerOperations.RunAsync(_client, options with { Flags = options.Flags with { AutoRemove = true } }, CancellationToken.None);

        Assert.Contains($"wait {FakeEngine.Id} Removed", Engine.Calls);
    }

    [Fact]
    public async Task Run_Tty_OneRawStreamToStdout()
    {
        Engine.Tty = true;
        Engine.Output.AddRange([Chunk(LogStream.Stdout, "a\r\n"), Chunk(LogStream.Stdout, "b\r\n")]);
        var console = new FakeConsole();

        Assert.Equal(0, await ContainerOperations.RunAsync(_client, Options(console, tty: true), CancellationToken.None));
        Assert.Equal("a\r\nb\r\n", console.StdoutText);
        Assert.Equal(string.Empty, console.StderrText);
    }

    [Fact]
    public async Task Run_MissingImage_SaysSoPullsToStderrAndCreatesAgain()
    {
        Engine.Images.Clear();
        _client.Transfers.Script =
        [
            new("docker.io/library/alpine:latest", TransferStatus.Resolving),
            new("docker.io/library/alpine:latest", TransferStatus.Done) { Detail = "sha256:" + new string('d', 64) },
        ];
        // The pull makes the image exist: the fake engine finds it on the second create.
        Engine.HasImage = _ => _client.Transfers.LastPull is not null;
        var console = new FakeConsole();

        Assert.Equal(0, await ContainerOperations.RunAsync(_client, Options(console, "alpine", detach: true), CancellationToken.None));
        Assert.Equal(["create alpine", "create alpine", $"start {FakeEngine.Id}"], Engine.Calls);
        Assert.Equal("alpine", _client.Transfers.LastPull!.Reference);
        Assert.StartsWith("Unable to find image 'alpine:latest' locally\nlatest: Pulling from library/alpine\n", console.StderrText, StringComparison.Ordinal);
        Assert.Contains("Status: Downloaded newer image for alpine:latest\n", console.StderrText, StringComparison.Ordinal);
        Assert.DoesNotContain("docker.io/library/alpine:latest\n", console.StderrText, StringComparison.Ordinal);
        Assert.Equal(FakeEngine.Id + "\n", console.StdoutText);
    }

    [Fact]
    public async Task Run_PullNever_DoesNotPull()
    {
        Engine.Images.Clear();
        var console = new FakeConsole();

        int code = await ContainerOperations.RunAsync(_client, Options(console, "alpine") with { Pull = "never" }, CancellationToken.None);

        Assert.Equal(125, code);
        Assert.Null(_client.Transfers.LastPull);
        Assert.Equal("berth: Error response from daemon: No such image: alpine\nSee 'berth run --help'.\n", console.StderrText);
    }

    [Fact]
    public async Task Run_Detached_PrintsTheIdAndDoesNotAttach()
    {
        var console = new FakeConsole();

        Assert.Equal(0, await ContainerOperations.RunAsync(_client, Options(console, detach: true), CancellationToken.None));
        Assert.Equal(FakeEngine.Id + "\n", console.StdoutText);
        Assert.DoesNotContain(Engine.Calls, c => c.StartsWith("attach", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("failed to create shim task: exec: \"nosuch\": executable file not found in $PATH", 127)]
    [InlineData("exec: \"/etc/passwd\": stat /etc/passwd: no such file or directory", 127)]
    [InlineData("exec: \"/etc\": permission denied", 126)]
    [InlineData("cgroup limit refused", 125)]
    public async Task Run_StartFails_ExitCodeAsDocker(string message, int expected)
    {
        Engine.StartFailure = new FailedPreconditionException(message);
        var console = new FakeConsole();

        Assert.Equal(expected, await ContainerOperations.RunAsync(_client, Options(console), CancellationToken.None));
        Assert.Equal($"berth: Error response from daemon: {message}\nSee 'berth run --help'.\n", console.StderrText);
    }

    [Fact]
    public async Task Run_CreateRefused_125()
    {
        Engine.CreateFailure = new AlreadyExistsException("Conflict. The container name \"/web\" is already in use");
        var console = new FakeConsole();

        Assert.Equal(125, await ContainerOperations.RunAsync(_client, Options(console), CancellationToken.None));
        Assert.StartsWith("berth: Error response from daemon: Conflict.", console.StderrText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadFlag_125BeforeAnyCall()
    {
        var console = new FakeConsole();
        var options = Options(console);

        int code = await ContainerOperations.RunAsync(_client, options with { Flags = options.Flags with { Resources = new ResourceFlags { Memory = "1x" } } },
            CancellationToken.None);

        Assert.Equal(125, code);
        Assert.Empty(Engine.Calls);
        Assert.Equal("berth: invalid argument \"1x\" for \"-m, --memory\" flag: invalid suffix: 'x'\nSee 'berth run --help'.\n", console.StderrText);
    }

    [Fact]
    public async Task Run_TtyWithoutATerminal_RefusedAsDocker()
    {
        var console = new FakeConsole();

        Assert.Equal(1, await ContainerOperations.RunAsync(_client, Options(console, interactive: true, tty: true), CancellationToken.None));
        Assert.Equal("the input device is not a TTY\n", console.StderrText);
    }
}
