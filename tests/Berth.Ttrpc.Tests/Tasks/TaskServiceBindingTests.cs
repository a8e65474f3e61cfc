using Berth.Core.Errors;
using Berth.Ttrpc.Tasks;
using Containerd.Task.V2;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Ttrpc.Tests.Tasks;

public sealed class TaskServiceBindingTests
{
    private const string Id = "task-1";

    [Fact]
    public async Task TaskClient_EveryMethod_ReachesTheServiceWithItsRequest()
    {
        var fake = new FakeTaskService(Id);
        await using var harness = new TtrpcHarness();
        TaskServiceBinding.Register(harness.Server, fake);
        var tasks = new TaskClient(await harness.Listen().ConnectAsync(), "default");
        var ct = TestContext.Current.CancellationToken;

        var state = await tasks.StateAsync(new StateRequest { Id = Id }, ct);
        Assert.Equal(FakeTaskService.TaskPid, (await tasks.CreateAsync(new CreateTaskRequest { Id = Id, Bundle = "/b" }, ct)).Pid);
        Assert.Equal(FakeTaskService.TaskPid, (await tasks.StartAsync(new StartRequest { Id = Id }, ct)).Pid);
        Assert.Equal(3u, (await tasks.DeleteAsync(new DeleteRequest { Id = Id }, ct)).ExitStatus);
        Assert.Single((await tasks.PidsAsync(new PidsRequest { Id = Id }, ct)).Processes);
        await tasks.PauseAsync(new PauseRequest { Id = Id }, ct);
        await tasks.ResumeAsync(new ResumeRequest { Id = Id }, ct);
        await tasks.KillAsync(new KillRequest { Id = Id, Signal = 9, All = true }, ct);
        await tasks.ExecAsync(new ExecProcessRequest { Id = Id, ExecId = "e1" }, ct);
        await tasks.ResizePtyAsync(new ResizePtyRequest { Id = Id, Width = 80, Height = 24 }, ct);
        await tasks.CloseIOAsync(new CloseIORequest { Id = Id, Stdin = true }, ct);
        await tasks.UpdateAsync(new UpdateTaskRequest { Id = Id }, ct);
        Assert.Equal(7u, (await tasks.WaitAsync(new WaitRequest { Id = Id }, ct)).ExitStatus);
        await tasks.StatsAsync(new StatsRequest { Id = Id }, ct);
        Assert.Equal("fake", (await tasks.ConnectAsync(new ConnectRequest { Id = Id }, ct)).Version);
        await tasks.ShutdownAsync(new ShutdownRequest { Id = Id, Now = true }, ct);

        Assert.Equal("/run/fake/bundle/" + Id, state.Bundle);
        Assert.Equal(Containerd.V1.Types.Status.Running, state.Status);
        Assert.Equal(16, fake.Requests.Count);
        Assert.Contains(fake.Requests, r => r is ("KillAsync", KillRequest { Signal: 9, All: true }));
        Assert.Contains(fake.Requests, r => r is ("ResizePtyAsync", ResizePtyRequest { Width: 80, Height: 24 }));
        Assert.Contains(fake.Requests, r => r is ("ShutdownAsync", ShutdownRequest { Now: true }));
    }

    [Fact]
    public async Task TaskClient_UnknownTaskAndUnsupportedMethod_ThrowTheServiceErrors()
    {
        await using var harness = new TtrpcHarness();
        TaskServiceBinding.Register(harness.Server, new FakeTaskService(Id));
        var tasks = new TaskClient(await harness.Listen().ConnectAsync(), "default");
        var ct = TestContext.Current.CancellationToken;

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => tasks.StateAsync(new StateRequest { Id = "other" }, ct));
        await Assert.ThrowsAsync<UnimplementedException>(() => tasks.CheckpointAsync(new CheckpointTaskRequest { Id = Id }, ct));

        Assert.Equal("task other: not found", missing.Message);
    }

    [Fact]
    public async Task TaskClient_SendsTheNamespaceAsContainerdDoes()
    {
        await using var harness = new TtrpcHarness();
        var seen = new TaskCompletionSource<string?>();
        harness.Server.Register<StateRequest, StateResponse>(TaskServiceBinding.ServiceName, "State", StateRequest.Parser, (request, context) =>
        {
            seen.SetResult(context.Metadata.Get("containerd-namespace-ttrpc"));
            return Task.FromResult(new StateResponse { Id = request.Id });
        });
        var tasks = new TaskClient(await harness.Listen().ConnectAsync(), "tenant-a");

        await tasks.StateAsync(new StateRequest { Id = Id }, TestContext.Current.CancellationToken);

        Assert.Equal("tenant-a", await seen.Task);
    }

    [Fact]
    public void Register_Twice_ThrowsAlreadyExists()
    {
        var server = new TtrpcServer();
        TaskServiceBinding.Register(server, new FakeTaskService(Id));

        Assert.Throws<AlreadyExistsException>(() => server.Register<Empty, Empty>(TaskServiceBinding.ServiceName, "State", Empty.Parser, (r, _) => Task.FromResult(r)));
    }
}
