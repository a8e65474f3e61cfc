using System.Text;
using Berth.Core.Engine;
using Berth.Core.Logs;
using Berth.Operations.Containers;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Containers;

/// <summary>stop, kill, restart, rm, wait and start: each name reported as docker reports it.</summary>
public sealed class ContainerBatchTests
{
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };
    private readonly StringWriter _stderr = new() { NewLine = "\n" };

    public ContainerBatchTests() => _client.EngineFake.Containers.AddRange(TestContainers.All);

    private ContainerBatchOptions Batch(params string[] names) => new() { Containers = names, Stdout = _stdout, Stderr = _stderr };

    private List<string> Calls => _client.EngineFake.Calls;

    [Fact]
    public async Task Stop_PrintsNamesAndErrorsInOrder()
    {
        int code = await ContainerOperations.StopAsync(_client, Batch("nosuch", "web") with { Timeout = 3, Signal = "SIGINT" }, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Equal("web\n", _stdout.ToString());
        Assert.Equal("Error response from daemon: No such container: nosuch\n", _stderr.ToString());
        Assert.Equal([$"stop {TestContainers.Web.Id} 3 SIGINT"], Calls);
    }

    [Fact]
    public async Task Kill_DefaultsToKill()
    {
        Assert.Equal(0, await ContainerOperations.KillAsync(_client, Batch("runner"), CancellationToken.None));
        Assert.Equal([$"kill {TestContainers.Runner.Id} KILL"], Calls);
        Assert.Equal("runner\n", _stdout.ToString());
    }

    [Fact]
    public async Task Restart_AsksTheEngineToRestart_WithTheTimeoutAndSignal()
    {
        Assert.Equal(0, await ContainerOperations.RestartAsync(_client, Batch("runner") with { Timeout = 1, Signal = "SIGINT" }, CancellationToken.None));
        Assert.Equal([$"restart {TestContainers.Runner.Id} 1 SIGINT"], Calls);
    }

    [Fact]
    public async Task Remove_ForceIgnoresMissing()
    {
        Assert.Equal(0, await ContainerOperations.RemoveAsync(_client, Batch("nosuch", "quit") with { Force = true }, CancellationToken.None));
        Assert.Equal("quit\n", _stdout.ToString());
        Assert.Equal(string.Empty, _stderr.ToString());
        Assert.Equal(1, await ContainerOperations.RemoveAsync(_client, Batch("nosuch"), CancellationToken.None));
    }

    [Fact]
    public async Task Wait_PrintsExitCodes()
    {
        Assert.Equal(0, await ContainerOperations.WaitAsync(_client, Batch("quit", "practical_khayyam"), CancellationToken.None));
        Assert.Equal("4\n0\n", _stdout.ToString());
        Assert.All(Calls, c => Assert.EndsWith("NotRunning", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_Many_NamesThoseThatFailed()
    {
        var console = new FakeConsole();
        var error = await Assert.ThrowsAsync<ClientException>(() => ContainerOperations.StartAsync(_client,
            new ContainerStartOptions { Containers = ["web", "nosuch", "quit"], Console = console }, CancellationToken.None));

        Assert.Equal("Error: failed to start containers: nosuch", error.Message);
        Assert.Equal("web\nquit\n", console.StdoutText);
        Assert.Equal("Error response from daemon: No such container: nosuch\n", console.StderrText);
    }

    [Fact]
    public async Task Start_Attach_StreamsAndReturnsTheCode()
    {
        var engine = _client.EngineFake;
        engine.Output.Add(new OutputChunk(LogStream.Stdout, Encoding.UTF8.GetBytes("hi\n")));
        engine.ExitCode = 7;
        var console = new FakeConsole();

        int code = await ContainerOperations.StartAsync(_client, new ContainerStartOptions { Containers = ["web"], Attach = true, Console = console },
            CancellationToken.None);

        Assert.Equal(7, code);
        Assert.Equal("hi\n", console.StdoutText);
        string id = TestContainers.Web.Id;
        Assert.Equal([$"attach {id} stdin=False", $"start {id}", $"wait {id} NotRunning"], Calls);
    }
}
