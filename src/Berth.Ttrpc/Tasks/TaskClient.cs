using Containerd.Task.V2;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Ttrpc.Tasks;

/// <summary>
/// A shim's task API (<c>containerd.task.v2.Task</c>) over a ttrpc connection; every call carries the namespace
/// as containerd sends it. The client stays the caller's: disposing this does not close it.
/// </summary>
public sealed class TaskClient(TtrpcClient client, string @namespace) : ITaskService
{
    private readonly TtrpcMetadata _metadata = TtrpcMetadata.ForNamespace(@namespace);

    /// <summary>The connection the calls go over.</summary>
    public TtrpcClient Connection => client;

    /// <inheritdoc />
    public Task<StateResponse> StateAsync(StateRequest request, CancellationToken cancellationToken) => Call("State", request, StateResponse.Parser, cancellationToken);

    /// <inheritdoc />
    public Task<CreateTaskResponse> CreateAsync(CreateTaskRequest request, CancellationToken cancellationToken) => Call("Create", request, CreateTaskResponse.Parser, cancellationToken);

    /// <inheritdoc />
    public Task<StartResponse> StartAsync(StartRequest request, CancellationToken cancellationToken) => Call("Start", request, StartResponse.Parser, cancellationToken);

    /// <inheritdoc />
    public Task<DeleteResponse> DeleteAsync(DeleteRequest request, CancellationToken cancellationToken) => Call("Delete", request, DeleteResponse.Parser, cancellationToken);

    /// <inheritdoc />
    public Task<PidsResponse> PidsAsync(PidsRequest request, CancellationToken cancellationToken) => Call("Pids", request, PidsResponse.Parser, cancellationToken);

    /// <inheritdoc />
    public Task PauseAsync(PauseRequest request, CancellationToken cancellationToken) => Call("Pause", request, Empty.Parser, cancellationToken);

    /// <inheritdoc />
    public Task ResumeAsync(ResumeRequest request, CancellationToken cancellationToken) => Call("Resume", request, Empty.Parser, cancellationToken);

    /// <inheritdoc />
    public Task CheckpointAsync(CheckpointTaskRequest request, CancellationToken cancellationToken) => Call("Checkpoint", request, Empty.Parser, cancellationToken);

    /// <inheritdoc />
    public Task KillAsync(KillRequest request, CancellationToken cancellationToken) => Call("Kill", request, Empty.Parser, cancellationToken);

    /// <inheritdoc />
    public Task ExecAsync(ExecProcessRequest request, CancellationToken cancellationToken) => Call("Exec", request, Empty.Parser, cancellationToken);

    /// <inheritdoc />
    public Task ResizePtyAsync(ResizePtyRequest request, CancellationToken cancellationToken) => Call("ResizePty", request, Empty.Parser, cancellationToken);

    /// <inheritdoc />
    public Task CloseIOAsync(CloseIORequest request, CancellationToken cancellationToken) => Call("CloseIO", request, Empty.Parser, cancellationToken);

    /// <inheritdoc />
    public Task UpdateAsync(UpdateTaskRequest request, CancellationToken cancellationToken) => Call("Update", request, Empty.Parser, cancellationToken);

    /// <inheritdoc />
    public Task<WaitResponse> WaitAsync(WaitRequest request, CancellationToken cancellationToken) => Call("Wait", request, WaitResponse.Parser, cancellationToken);

    /// <inheritdoc />
    public Task<StatsResponse> StatsAsync(StatsRequest request, CancellationToken cancellationToken) => Call("Stats", request, StatsResponse.Parser, cancellationToken);

    /// <inheritdoc />
    public Task<ConnectResponse> ConnectAsync(ConnectRequest request, CancellationToken cancellationToken) => Call("Connect", request, ConnectResponse.Parser, cancellationToken);

    /// <inheritdoc />
    public Task ShutdownAsync(ShutdownRequest request, CancellationToken cancellationToken) => Call("Shutdown", request, Empty.Parser, cancellationToken);

    private Task<TResponse> Call<TResponse>(string method, IMessage request, MessageParser<TResponse> parser, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
        => client.CallAsync(TaskServiceBinding.ServiceName, method, request, parser, _metadata, timeout: null, cancellationToken);
}
