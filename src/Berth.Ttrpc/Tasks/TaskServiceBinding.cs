using Containerd.Task.V2;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Ttrpc.Tasks;

/// <summary>Serves an <see cref="ITaskService"/> as containerd's <c>containerd.task.v2.Task</c> on a ttrpc server.</summary>
public static class TaskServiceBinding
{
    /// <summary>The service name on the wire (runtime/v2/task/shim.proto).</summary>
    public const string ServiceName = "containerd.task.v2.Task";

    /// <summary>Registers every method of the task API, by the names shim.proto gives them.</summary>
    public static void Register(TtrpcServer server, ITaskService tasks)
    {
        Answer(server, "State", StateRequest.Parser, tasks.StateAsync);
        Answer(server, "Create", CreateTaskRequest.Parser, tasks.CreateAsync);
        Answer(server, "Start", StartRequest.Parser, tasks.StartAsync);
        Answer(server, "Delete", DeleteRequest.Parser, tasks.DeleteAsync);
        Answer(server, "Pids", PidsRequest.Parser, tasks.PidsAsync);
        Empty(server, "Pause", PauseRequest.Parser, tasks.PauseAsync);
        Empty(server, "Resume", ResumeRequest.Parser, tasks.ResumeAsync);
        Empty(server, "Checkpoint", CheckpointTaskRequest.Parser, tasks.CheckpointAsync);
        Empty(server, "Kill", KillRequest.Parser, tasks.KillAsync);
        Empty(server, "Exec", ExecProcessRequest.Parser, tasks.ExecAsync);
        Empty(server, "ResizePty", ResizePtyRequest.Parser, tasks.ResizePtyAsync);
        Empty(server, "CloseIO", CloseIORequest.Parser, tasks.CloseIOAsync);
        Empty(server, "Update", UpdateTaskRequest.Parser, tasks.UpdateAsync);
        Answer(server, "Wait", WaitRequest.Parser, tasks.WaitAsync);
        Answer(server, "Stats", StatsRequest.Parser, tasks.StatsAsync);
        Answer(server, "Connect", ConnectRequest.Parser, tasks.ConnectAsync);
        Empty(server, "Shutdown", ShutdownRequest.Parser, tasks.ShutdownAsync);
    }

    private static void Answer<TRequest, TResponse>(TtrpcServer server, string method, MessageParser<TRequest> parser,
        Func<TRequest, CancellationToken, Task<TResponse>> call)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage
        => server.Register<TRequest, TResponse>(ServiceName, method, parser, (request, context) => call(request, context.CancellationToken));

    private static void Empty<TRequest>(TtrpcServer server, string method, MessageParser<TRequest> parser,
        Func<TRequest, CancellationToken, Task> call)
        where TRequest : IMessage<TRequest>
        => server.Register<TRequest, Empty>(ServiceName, method, parser, async (request, context) =>
        {
            await call(request, context.CancellationToken);
            return new Empty();
        });
}
