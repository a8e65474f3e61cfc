using System.Text.Json;
using Berth.Core.Engine;
using Berth.Core.Errors;

namespace Berth.Services.Tests.Engine;

/// <summary>Exec's request and its start: what reaches the engine, when the client's call returns, how it fails.</summary>
public sealed class EngineExecTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // "quirky_name" runs; "web" has exited.
    private static readonly string RunningId = EngineSamples.MinimalDetails.Id;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Records compare their lists by reference: JSON shows every field, nulls and empty lists apart.
    private static string Json(object value) => JsonSerializer.Serialize(value);

    internal static FakeContainerEngine Engine(bool open = true)
    {
        var engine = new FakeContainerEngine();
        engine.Containers.AddRange([EngineSamples.FullDetails, EngineSamples.MinimalDetails]);
        if (open)
        {
            engine.ExecGate.SetResult();
        }

        return engine;
    }

    public static TheoryData<string> Requests => ["full", "minimal", "empty strings"];

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Exec_TheRequestArrivesAsSent_UnsetUserAndWorkdirStayNull(string which)
    {
        var request = which switch
        {
            "full" => new ExecRequest(["sh", "-c", "echo $A"])
            {
                Env = ["A=1", "B="], User = "1000:1000", WorkingDir = "/srv", Tty = true, Stdin = true, Privileged = true,
            },
            "minimal" => new ExecRequest(["true"]),
            _ => new ExecRequest(["true"]) { User = "", WorkingDir = "" }, // set but empty: not the container's
        };
        var engine = Engine();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect("team-a");

        await using var session = await client.Engine.ExecAsync("quirky_name", request, Ct);

        Assert.Equal(Json(request), Json(engine.LastExec!));
        Assert.Equal(request.Tty, session.Tty);
        Assert.Equal(("team-a", $"exec {RunningId} {string.Join(' ', request.Command)}"), Assert.Single(engine.Calls));
    }

    [Fact]
    public async Task Exec_ReturnsOnlyOnceTheProcessRuns_WithItsExecId()
    {
        var engine = Engine(open: false);
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();

        var starting = client.Engine.ExecAsync("quirky_name", new ExecRequest(["top"]), Ct).AsTask();
        await engine.ExecRequested.Task.WaitAsync(Patience, Ct);
        await Task.Delay(100, Ct);
        Assert.False(starting.IsCompleted); // no process yet, so no exec id to answer with
        engine.ExecGate.SetResult();
        await using var session = await starting.WaitAsync(Patience, Ct);

        Assert.Equal(engine.Exec.ExecId, session.ExecId);
    }

    [Fact]
    public async Task Exec_ContainerNotRunning_FailedPreconditionInDockerdsWords()
    {
        await using var host = await EngineTestHost.StartAsync(Engine());
        await using var client = host.Connect();

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(
            async () => await client.Engine.ExecAsync("web", new ExecRequest(["true"]), Ct));

        Assert.Equal($"Container {EngineSamples.Id} is not running", error.Message);
        await Assert.ThrowsAsync<NotFoundException>(async () => await client.Engine.ExecAsync("nosuch", new ExecRequest(["true"]), Ct));
    }

    [Fact]
    public async Task Exec_NoCommand_InvalidArgument_TheEngineIsNotAsked()
    {
        var engine = Engine();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(async () => await client.Engine.ExecAsync("quirky_name", new ExecRequest([]), Ct));

        Assert.Equal("No exec command specified", error.Message);
        Assert.Empty(engine.Calls);
    }
}
