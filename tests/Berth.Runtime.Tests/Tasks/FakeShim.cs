using Berth.Core.Errors;
using Berth.Runtime.Shims;
using Containerd.Task.V2;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Runtime.Tests.Tasks;

/// <summary>A shim's task API in memory: one init process that "runs" until killed.</summary>
internal sealed class FakeShim(string address) : IShimConnection, Berth.Ttrpc.Tasks.ITaskService
{
    public string Address => address;

    public Berth.Ttrpc.Tasks.ITaskService Api => this;

    public List<string> Calls { get; } = [];

    public CreateTaskRequest? Created { get; private set; }

    public Exception? FailCreate { get; set; }

    public bool Disposed { get; private set; }

    private Containerd.V1.Types.Status _status = Containerd.V1.Types.Status.Created;

    public Task<StateResponse> StateAsync(StateRequest request, CancellationToken cancellationToken)
        => Task.FromResult(new StateResponse { Id = request.Id, Pid = 42, Status = _status, Stdout = Created?.Stdout ?? string.Empty });

    public Task<CreateTaskResponse> CreateAsync(CreateTaskRequest request, CancellationToken cancellationToken)
    {
        Calls.Add("create");
        Created = request;
        return FailCreate is { } error ? Task.FromException<CreateTaskResponse>(error) : Task.FromResult(new CreateTaskResponse { Pid = 42 });
    }

    public Task<StartResponse> StartAsync(StartRequest request, CancellationToken cancellationToken)
    {
        Calls.Add("start");
        _status = Containerd.V1.Types.Status.Running;
        return Task.FromResult(new StartResponse { Pid = 42 });
    }

    public Task<DeleteResponse> DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        Calls.Add("delete");
        return _status == Containerd.V1.Types.Status.Running
            ? Task.FromException<DeleteResponse>(new FailedPreconditionException($"cannot delete running task {request.Id}"))
            : Task.FromResult(new DeleteResponse { Pid = 42, ExitStatus = 137, ExitedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) });
    }

    public Task KillAsync(KillRequest request, CancellationToken cancellationToken)
    {
        Calls.Add($"kill {request.Signal}");
        _status = Containerd.V1.Types.Status.Stopped;
        return Task.CompletedTask;
    }

    public Task ShutdownAsync(ShutdownRequest request, CancellationToken cancellationToken)
    {
        Calls.Add("shutdown");
        return Task.CompletedTask;
    }

    public Task<ConnectResponse> ConnectAsync(ConnectRequest request, CancellationToken cancellationToken)
        => Task.FromResult(new ConnectResponse { ShimPid = 7, TaskPid = 42 });

    public Task<WaitResponse> WaitAsync(WaitRequest request, CancellationToken cancellationToken)
        => Task.FromResult(new WaitResponse { ExitStatus = 137 });

    public Task<PidsResponse> PidsAsync(PidsRequest request, CancellationToken cancellationToken) => throw new UnimplementedException("pids");

    public Task PauseAsync(PauseRequest request, CancellationToken cancellationToken) => throw new UnimplementedException("pause");

    public Task ResumeAsync(ResumeRequest request, CancellationToken cancellationToken) => throw new UnimplementedException("resume");

    public Task CheckpointAsync(CheckpointTaskRequest request, CancellationToken cancellationToken) => throw new UnimplementedException("checkpoint");

    public Task ExecAsync(ExecProcessRequest request, CancellationToken cancellationToken) => throw new UnimplementedException("exec");

    public Task ResizePtyAsync(ResizePtyRequest request, CancellationToken cancellationToken) => throw new UnimplementedException("resize");

    public Task CloseIOAsync(CloseIORequest request, CancellationToken cancellationToken) => throw new UnimplementedException("closeio");

    public Task UpdateAsync(UpdateTaskRequest request, CancellationToken cancellationToken) => throw new UnimplementedException("update");

    public Task<StatsResponse> StatsAsync(StatsRequest request, CancellationToken cancellationToken)
        => Task.FromResult(new StatsResponse { Stats = new Any { TypeUrl = "io.containerd.cgroups.v1.Metrics", Value = Google.Protobuf.ByteString.CopyFromUtf8("m") } });

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}

/// <summary>Hands out <see cref="FakeShim"/>s by address; addresses it was told are dead do not answer.</summary>
internal sealed class FakeShimConnector : IShimConnector
{
    public Dictionary<string, FakeShim> Shims { get; } = [];

    public HashSet<string> Dead { get; } = [];

    public Task<IShimConnection> ConnectAsync(string address, string @namespace, CancellationToken cancellationToken)
    {
        if (Dead.Contains(address))
        {
            return Task.FromException<IShimConnection>(new UnavailableException($"shim {address} does not answer"));
        }

        if (!Shims.TryGetValue(address, out var shim))
        {
            Shims[address] = shim = new FakeShim(address);
        }

        return Task.FromResult<IShimConnection>(shim);
    }
}
