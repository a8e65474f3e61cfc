using System.Text.Json;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Logs;

namespace Berth.Services.Tests.Engine;

public sealed class EngineGrpcServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Records compare their lists by reference: JSON shows every field, nulls and empty lists apart.
    private static string Json(object value) => JsonSerializer.Serialize(value);

    [Fact]
    public async Task Create_CarriesEverySpecOption_InTheCallersNamespace()
    {
        var engine = new FakeContainerEngine();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect("team-a");

        var created = await client.Engine.CreateAsync(EngineSamples.FullCreate, Ct);

        Assert.Equal(engine.Created.Id, created.Id);
        Assert.Equal(engine.Created.Warnings, created.Warnings);
        Assert.Equal(Json(EngineSamples.FullCreate), Json(engine.LastCreate!));
        Assert.Equal(("team-a", "create docker.io/library/busybox:latest"), Assert.Single(engine.Calls));
        Assert.Equal("1.50", engine.LastCreate!.Spec.Cpus!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Create_NothingSet_ArrivesUnset_NullEntrypointApartFromEmpty()
    {
        var engine = new FakeContainerEngine();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();

        await client.Engine.CreateAsync(EngineSamples.MinimalCreate, Ct);

        var seen = engine.LastCreate!;
        Assert.Equal(Json(EngineSamples.MinimalCreate), Json(seen));
        Assert.Null(seen.Spec.Entrypoint);
        Assert.Null(seen.Spec.Command);
        Assert.Equal((null, null, null, "no"), (seen.Name, seen.StopTimeout, seen.Spec.Cpus, seen.Restart.Name));
        Assert.NotNull(EngineSamples.FullCreate.Spec.Entrypoint);
        // A client that does not say which streams it attached (one older than the field) gets docker's default.
        Assert.True(new Berth.Api.Containers.V1.CreateRequest { Image = "busybox" }.ToCore() is { AttachStdout: true, AttachStderr: true });
    }

    [Fact]
    public async Task Create_NoImage_InvalidArgument()
    {
        await using var host = await EngineTestHost.StartAsync(new FakeContainerEngine());
        await using var client = host.Connect();

        await Assert.ThrowsAsync<InvalidArgumentException>(async () => await client.Engine.CreateAsync(new ContainerCreate(""), Ct));
    }

    [Fact]
    public async Task ListAndInspect_CarryEveryDetail_NewestFirstAsTheEngineSays()
    {
        var engine = new FakeContainerEngine();
        engine.Containers.AddRange([EngineSamples.FullDetails, EngineSamples.MinimalDetails]);
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect("team-b");

        var listed = await client.Engine.ListAsync(Ct);
        var inspected = await client.Engine.InspectAsync("web", Ct);

        Assert.Equal([Json(EngineSamples.FullDetails), Json(EngineSamples.MinimalDetails)], listed.Select(Json));
        Assert.Equal(Json(EngineSamples.FullDetails), Json(inspected));
        Assert.Null(listed[1].State.StartedAt);
        Assert.Equal([("team-b", "list"), ("team-b", "inspect web")], engine.Calls);
    }

    [Fact]
    public async Task Inspect_UnknownContainer_NotFoundInDockerdsWords()
    {
        await using var host = await EngineTestHost.StartAsync(new FakeContainerEngine());
        await using var client = host.Connect();

        var error = await Assert.ThrowsAsync<NotFoundException>(async () => await client.Engine.InspectAsync("nosuch", Ct));

        Assert.Equal("No such container: nosuch", error.Message);
    }

    [Fact]
    public async Task Wait_PassesTheCondition_AndAnswersTheExit()
    {
        var engine = new FakeContainerEngine { Exit = new ContainerExit(137, "OCI runtime start failed") };
        engine.Containers.Add(EngineSamples.FullDetails);
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();

        var exit = await client.Engine.WaitAsync("web", WaitCondition.NextExit, Ct);
        var removed = await client.Engine.WaitAsync("4f", WaitCondition.Removed, Ct);

        Assert.Equal(new ContainerExit(137, "OCI runtime start failed"), exit);
        Assert.Equal(exit, removed);
        Assert.Equal([$"wait {EngineSamples.Id} NextExit", $"wait {EngineSamples.Id} Removed"], engine.Calls.Select(c => c.Call));
    }

    [Fact]
    public async Task StartStopKillPauseRenameRemove_TheirArgumentsReachTheEngine()
    {
        var engine = new FakeContainerEngine();
        engine.Containers.Add(EngineSamples.FullDetails);
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();
        string id = EngineSamples.Id;

        await client.Engine.StartAsync("web", Ct);
        await client.Engine.StopAsync("web", 0, "SIGQUIT", Ct);
        await client.Engine.StopAsync("web", cancellationToken: Ct);
        await client.Engine.RestartAsync("web", 3, "SIGINT", Ct);
        await client.Engine.KillAsync("web", "SIGHUP", Ct);
        await client.Engine.PauseAsync("web", Ct);
        await client.Engine.UnpauseAsync("web", Ct);
        await client.Engine.RenameAsync("web", "site", Ct);
        await client.Engine.RemoveAsync("web", force: true, cancellationToken: Ct);
        await client.Engine.RemoveAsync("web", cancellationToken: Ct);

        Assert.Equal(
            [$"start {id}", $"stop {id} timeout=0 signal=SIGQUIT", $"stop {id} timeout=null signal=null",
                $"restart {id} timeout=3 signal=SIGINT", $"kill {id} SIGHUP",
                $"pause {id}", $"unpause {id}", $"rename {id} site", $"remove {id} force=True", $"remove {id} force=False"],
            engine.Calls.Select(c => c.Call));
    }

    [Fact]
    public async Task Logs_StreamsTheEntriesInOrder_WithTheRequest()
    {
        var engine = new FakeContainerEngine();
        engine.Containers.Add(EngineSamples.FullDetails);
        var t = EngineSamples.Started;
        engine.Log.AddRange([new LogEntry(LogStream.Stdout, t, "one\n"), new LogEntry(LogStream.Stderr, t.AddTicks(1), "two\n"),
            new LogEntry(LogStream.Stdout, t.AddSeconds(1), "no newline")]);
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();
        var request = new LogsRequest(Follow: true, Tail: 0, Since: t.AddHours(-1), Until: t.AddHours(1));

        var entries = await client.Engine.LogsAsync("web", request, Ct).ToListAsync(Ct);
        var unbounded = await client.Engine.LogsAsync("web", new LogsRequest(), Ct).ToListAsync(Ct);

        Assert.Equal(engine.Log, entries);
        Assert.Equal(engine.Log, unbounded);
        Assert.Equal(new LogsRequest(), engine.LastLogsRequest);
        await Assert.ThrowsAsync<NotFoundException>(async () => await client.Engine.LogsAsync("nosuch", request, Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Logs_TheRequestArrivesAsSent()
    {
        var engine = new FakeContainerEngine();
        engine.Containers.Add(EngineSamples.FullDetails);
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();
        var t = EngineSamples.Started;
        var request = new LogsRequest(Follow: true, Tail: 0, Since: t.AddHours(-1), Until: t.AddHours(1));

        await client.Engine.LogsAsync("web", request, Ct).ToListAsync(Ct);

        Assert.Equal(request, engine.LastLogsRequest);
    }

    [Fact]
    public async Task NoEngine_CallsAreUnavailable_SayingWhy()
    {
        await using var host = await EngineTestHost.StartAsync(engine: null);
        await using var client = host.Connect();

        var error = await Assert.ThrowsAsync<UnavailableException>(async () => await client.Engine.ListAsync(Ct));

        Assert.Contains("no container engine", error.Message, StringComparison.Ordinal);
    }
}
