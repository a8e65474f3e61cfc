using Containerd.Task.V2;

namespace Berth.Ttrpc.Tasks;

/// <summary>
/// containerd's runtime v2 task API (<c>containerd.task.v2.Task</c>), one method per RPC, in the generated messages.
/// The shim implements it and serves it over ttrpc; berthd reaches a shim through a client with the same shape. Methods
/// that answer <c>google.protobuf.Empty</c> on the wire return nothing here. Errors are the closed set of Berth.Core.
/// </summary>
public interface ITaskService
{
    Task<StateResponse> StateAsync(StateRequest request, CancellationToken cancellationToken);

    Task<CreateTaskResponse> CreateAsync(CreateTaskRequest request, CancellationToken cancellationToken);

    Task<StartResponse> StartAsync(StartRequest request, CancellationToken cancellationToken);

    Task<DeleteResponse> DeleteAsync(DeleteRequest request, CancellationToken cancellationToken);

    Task<PidsResponse> PidsAsync(PidsRequest request, CancellationToken cancellationToken);

    Task PauseAsync(PauseRequest request, CancellationToken cancellationToken);

    Task ResumeAsync(ResumeRequest request, CancellationToken cancellationToken);

    Task CheckpointAsync(CheckpointTaskRequest request, CancellationToken cancellationToken);

    Task KillAsync(KillRequest request, CancellationToken cancellationToken);

    Task ExecAsync(ExecProcessRequest request, CancellationToken cancellationToken);

    Task ResizePtyAsync(ResizePtyRequest request, CancellationToken cancellationToken);

    Task CloseIOAsync(CloseIORequest request, CancellationToken cancellationToken);

    Task UpdateAsync(UpdateTaskRequest request, CancellationToken cancellationToken);

    /// <summary>Answers when the process has exited; may wait for as long as the process runs.</summary>
    Task<WaitResponse> WaitAsync(WaitRequest request, CancellationToken cancellationToken);

    Task<StatsResponse> StatsAsync(StatsRequest request, CancellationToken cancellationToken);

    Task<ConnectResponse> ConnectAsync(ConnectRequest request, CancellationToken cancellationToken);

    Task ShutdownAsync(ShutdownRequest request, CancellationToken cancellationToken);
}
