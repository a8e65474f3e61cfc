using System.Threading.Channels;
using Berth.Core.Errors;
using Berth.Linux;
using Berth.Shim.Processes;
using Berth.Shim.Reaping;
using Berth.Ttrpc.Tasks;
using Containerd.Events;
using Containerd.Task.V2;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Shim.Tasks;

/// <summary>
/// containerd's runtime v2 task API for runc-style runtimes (containerd's runc shim service): containers by id, each
/// an init process and exec processes, driven through <see cref="Runtime.OciRuntime"/>, with exits from the
/// <see cref="Reaper"/> and events to an <see cref="IEventSink"/> in order. Serve it over ttrpc as any
/// <see cref="ITaskService"/>; <see cref="ShutdownRequested"/> tells the host when to stop.
/// </summary>
internal sealed partial class TaskService : ITaskService, IAsyncDisposable
{
    private readonly TaskServiceOptions _options;
    private readonly IEventSink _sink;
    private readonly Reaper _reaper;
    private readonly ISyscalls _syscalls;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Container> _containers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _creating = new(StringComparer.Ordinal);
    // Held from a process's start until its start event is queued, and by the exit before its event: a process that
    // exits at once still has its start event first.
    private readonly SemaphoreSlim _eventOrder = new(1, 1);
    private readonly Channel<(string Topic, IMessage Event)> _events = Channel.CreateUnbounded<(string, IMessage)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _forwarding;
    private readonly CancellationTokenSource _shutdown = new();

    public TaskService(TaskServiceOptions options, IEventSink sink, ILogger<TaskService>? logger = null)
        : this(options, sink, Reaper.Default, LinuxSyscalls.Instance, logger)
    {
    }

    internal TaskService(TaskServiceOptions options, IEventSink sink, Reaper reaper, ISyscalls syscalls, ILogger? logger)
    {
        _options = options;
        _sink = sink;
        _reaper = reaper;
        _syscalls = syscalls;
        _logger = logger ?? NullLogger.Instance;
        _oom = new OomEvents(id => Publish("/tasks/oom", new TaskOOM { ContainerId = id }));
        _forwarding = Task.Run(ForwardEventsAsync);
    }

    /// <summary>Cancelled when Shutdown was called with no container left: the host stops serving and exits.</summary>
    public CancellationToken ShutdownRequested => _shutdown.Token;

    public Task<ConnectResponse> ConnectAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        int taskPid = TryGet(request.Id)?.Init.Pid ?? 0;
        return Task.FromResult(new ConnectResponse { ShimPid = (uint)Environment.ProcessId, TaskPid = (uint)taskPid });
    }

    /// <summary>Ignored while a container is left (containerd's rule); otherwise asks the host to stop.</summary>
    public Task ShutdownAsync(ShutdownRequest request, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_containers.Count > 0 || _creating.Count > 0)
            {
                return Task.CompletedTask;
            }
        }

        _shutdown.Cancel();
        return Task.CompletedTask;
    }

    private Container Get(string id) => TryGet(id) ?? throw new NotFoundException($"container {id} not created: create the task first");

    private Container? TryGet(string id)
    {
        lock (_lock)
        {
            return _containers.GetValueOrDefault(id);
        }
    }

    private void Publish(string topic, IMessage @event) => _events.Writer.TryWrite((topic, @event));

    private async Task ForwardEventsAsync()
    {
        await foreach (var (topic, @event) in _events.Reader.ReadAllAsync())
        {
            try
            {
                await _sink.PublishAsync(topic, @event, CancellationToken.None);
            }
            catch (Exception e)
            {
                ShimLog.PublishFailed(_logger, topic, e);
            }
        }
    }

    /// <summary>Stops forwarding once the queued events are published.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeCgroupsAsync();
        _events.Writer.TryComplete();
        await _forwarding;
        _shutdown.Dispose();
    }
}
