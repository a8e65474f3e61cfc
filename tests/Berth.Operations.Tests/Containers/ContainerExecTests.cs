using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Logs;
using Berth.Operations.Containers;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;
using Berth.Testing;

namespace Berth.Operations.Tests.Containers;

/// <summary>`berth exec`: the request, output by stream, and docker's refusals and exit codes.</summary>
public sealed class ContainerExecTests : IDisposable
{
    private readonly FakeBerthClient _client = new();
    private readonly TempDirectory _dir = new("exec");

    public ContainerExecTests() => Engine.Containers.AddRange(TestContainers.All);

    public void Dispose() => _dir.Dispose();

    private FakeEngine Engine => _client.EngineFake;

    private Task<int> ExecAsync(FakeConsole console, ContainerExecOptions options) => ContainerOperations.ExecAsync(_client,
        options with { Console = console, Host = new FlagHost(name => name == "FROM_HOST" ? "host value" : null, "/", 2) }, CancellationToken.None);

    private static ContainerExecOptions Options(params string[] command) => new() { Container = "runner", Command = command, Console = new FakeConsole() };

    [Fact]
    public async Task Exec_OutputByStream_ExitsWithTheProcessCode()
    {
        Engine.ExecOutput.Add(new OutputChunk(LogStream.Stdout, "out\n"u8.ToArray()));
        Engine.ExecOutput.Add(new OutputChunk(LogStream.Stderr, "err\n"u8.ToArray()));
        Engine.ExecExitCode = 4;
        var console = new FakeConsole();

        int code = await ExecAsync(console, Options("ls", "-la"));

        Assert.Equal(4, code);
        Assert.Equal(("out\n", "err\n"), (console.StdoutText, console.StderrText));
        Assert.Equal([$"exec {TestContainers.Runner.Id} ls -la"], Engine.Calls);
        Assert.False(Engine.Execs[0].Stdin);
    }

    [Fact]
    public async Task Exec_Flags_EnvFilesThenEnvUserFolderPrivileged()
    {
        string file = _dir.Combine("env");
        await File.WriteAllTextAsync(file, "A=1\n# comment\nFROM_HOST\nUNSET\n", TestContext.Current.CancellationToken);

        await ExecAsync(new FakeConsole(), Options("env") with
        {
            EnvFiles = [file],
            Env = ["B=2", "FROM_HOST", "NOT_THERE"],
            User = "1000:100",
            WorkingDir = "/tmp",
            Privileged = true,
        });

        var request = Engine.Execs.Single();
        Assert.Equal(["A=1", "FROM_HOST=host value", "B=2", "FROM_HOST=host value"], request.Env);
        Assert.Equal(("1000:100", "/tmp", true, false), (request.User, request.WorkingDir, request.Privileged, request.Tty));
    }

    [Fact]
    public async Task Exec_CommandCannotStart_DaemonWordsOnStdout_Exit126()
    {
        const string Message = "OCI runtime exec failed: exec failed: unable to start container process: exec: \"x\": executable file not found in $PATH: unknown";
        Engine.ExecFailure = new InternalException(Message);
        var console = new FakeConsole();

        Assert.Equal(126, await ExecAsync(console, Options("x")));

        Assert.Equal(Message + "\r\n", console.StdoutText);
    }

    [Theory]
    [InlineData("Container 0123 is not running")]
    [InlineData("Container 0123 is paused, unpause the container before exec")]
    public async Task Exec_ContainerRefused_ThrownForTheDaemonsLine(string message)
    {
        Engine.ExecFailure = new FailedPreconditionException(message);

        var refused = await Assert.ThrowsAsync<FailedPreconditionException>(() => ExecAsync(new FakeConsole(), Options("true")));

        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public async Task Exec_Refusals_InDockersWords()
    {
        var keys = await Assert.ThrowsAsync<ClientException>(() => ExecAsync(new FakeConsole(), Options("true") with { DetachKeys = "ctrl-xx" }));
        var env = await Assert.ThrowsAsync<ClientException>(() => ExecAsync(new FakeConsole(), Options("true") with { Env = ["=x"] }));
        var file = await Assert.ThrowsAsync<ClientException>(() => ExecAsync(new FakeConsole(), Options("true") with { EnvFiles = [_dir.Combine("none")] }));

        Assert.Equal(("Error response from daemon: Invalid escape keys (ctrl-xx) provided", 1), (keys.Message, keys.ExitCode));
        Assert.Equal(("berth: invalid argument \"=x\" for \"-e, --env\" flag: invalid environment variable: =x\nSee 'berth exec --help'.", 125),
            (env.Message, env.ExitCode));
        Assert.Equal(($"open {_dir.Combine("none")}: no such file or directory", 1), (file.Message, file.ExitCode));
        Assert.Empty(Engine.Calls);
    }
}
