using System.Collections.Concurrent;
using Berth.Core.Errors;
using Berth.Ttrpc.Tasks;
using Containerd.Task.V2;
using Google.Protobuf;

namespace Berth.Ttrpc.Tests.Tasks;

/// <summary>
/// A task service that knows one task, <see cref="KnownId"/>: it answers State and Connect for it, records every
/// request it gets, and answers NotFound for any other id.
/// </summary>
internal sealed class FakeTaskService(string knownId) : ITaskService
{
    public const uint TaskPid = 4242;

    public string KnownId => knownId;

    public ConcurrentQueue<(string Method, IMessage Request)> Requests { get; } = new();

    public Task<StateResponse> StateAsync(StateRequest request, CancellationToken cancellationToken)
        => Answer(nameof(StateAsync), request, request.Id, () => new StateResponse
        {
            Id = request.Id,
            Bundle = "/run/fake/bundle/" + request.Id,
            Pid = TaskPid,
            Status = Containerd.V1.Types.Status.Running,
            Stdout = "/run/fake/stdout",
        });

    public Task<CreateTaskResponse> CreateAsync(CreateTaskRequest request, CancellationToken cancellationToken)
        => Answer(nameof(CreateAsync), request, request.Id, () => new CreateTaskResponse { Pid = TaskPid });

    public Task<StartResponse> StartAsync(StartRequest request, CancellationToken cancellationToken)
        => Answer(nameof(StartAsync), request, request.Id, () => new StartResponse { Pid = TaskPid });

    public Task<DeleteResponse> DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
        => Answer(nameof(DeleteAsync), request, request.Id, () => new DeleteResponse { Pid = TaskPid, ExitStatus = 3 });

    public Task<PidsResponse> PidsAsync(PidsRequest request, CancellationToken cancellationToken)
        => Answer(nameof(PidsAsync), request, request.Id, () => new PidsResponse { Processes = { new Containerd.V1.Types.ProcessInfo { Pid = TaskPid } } });

    public Task PauseAsync(PauseRequest request, CancellationToken cancellationToken) => Answer(nameof(PauseAsync), request, request.Id, () => request);

    public Task ResumeAsync(ResumeRequest request, CancellationToken cancellationToken) => Answer(nameof(ResumeAsync), request, request.Id, () => request);

    public Task CheckpointAsync(CheckpointTaskRequest request, CancellationToken cancellationToken)
        => throw new UnimplementedException("checkpoint is not supported");

    public Task KillAsync(KillRequest request, CancellationToken cancellationToken) => Answer(nameof(KillAsync), request, request.Id, () => request);

    public Task ExecAsync(ExecProcessRequest request, CancellationToken cancellationToken) => Answer(nameof(ExecAsync), request, request.Id, () => request);

    public Task ResizePtyAsync(ResizePtyRequest request, CancellationToken cancellationToken) => Answer(nameof(ResizePtyAsync), request, request.Id, () => request);

    public Task CloseIOAsync(CloseIORequest request, CancellationToken cancellationToken) => Answer(nameof(CloseIOAsync), request, request.Id, () => request);

    public Task UpdateAsync(UpdateTaskRequest request, CancellationToken cancellationToken) => Answer(nameof(UpdateAsync), request, request.Id, () => request);

    public async Task<WaitResponse> WaitAsync(WaitRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(50, cancellationToken);
        return await Answer(nameof(WaitAsync), request, request.Id, () => new WaitResponse { ExitStatus = 7 });
    }

    public Task<StatsResponse> StatsAsync(StatsRequest request, CancellationToken cancellationToken)
        => Answer(nameof(StatsAsync), request, request.Id, () => new StatsResponse());

    public Task<ConnectResponse> ConnectAsync(ConnectRequest request, CancellationToken cancellationToken)
        => Answer(nameof(ConnectAsync), request, request.Id, () => new ConnectResponse { ShimPid = 1, TaskPid = TaskPid, Version = "fake" });

    public Task ShutdownAsync(ShutdownRequest request, CancellationToken cancellationToken) => Answer(nameof(ShutdownAsync), request, request.Id, () => request);

    private Task<T> Answer<T>(string method, IMessage request, string id, Func<T> answer)
    {
        Requests.Enqueue((method, request));
        return id == knownId ? Task.FromResult(answer()) : throw new NotFoundException($"task {id}: not found");
    }
}
