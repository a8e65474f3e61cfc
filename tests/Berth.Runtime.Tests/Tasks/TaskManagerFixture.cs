using System.Runtime.CompilerServices;
using Berth.Core.Containers;
using Berth.Core.Content;
using Berth.Core.Diff;
using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Core.Images;
using Berth.Core.Leases;
using Berth.Core.Metadata;
using Berth.Core.Snapshots;
using Berth.Linux;
using Berth.Runtime.Shims;
using Berth.Runtime.Tasks;
using Berth.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Runtime.Tests.Tasks;

/// <summary>
/// A task manager over fake shims: the "shim binary" is a script that prints an address for <c>start</c> (and writes
/// it into the bundle, as shims do) and records its <c>delete</c> calls.
/// </summary>
internal sealed class TaskManagerFixture : IAsyncDisposable
{
    private readonly TempDirectory _temp = new("tasks");

    public TaskManagerFixture()
    {
        Script = _temp.Combine("fake-shim");
        File.WriteAllText(Script, $$"""
            #!/bin/sh
            while [ $# -gt 1 ]; do [ "$1" = -id ] && id=$2; shift; done
            case "$1" in
              start) echo "unix:///fake/$id" > address; echo "unix:///fake/$id" ;;
              delete) echo "$id" >> {{_temp.Combine("deleted")}} ;;
            esac
            """);
        File.SetUnixFileMode(Script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Manager = NewManager();
    }

    public string Script { get; }

    public string TasksRoot => _temp.Combine("tasks");

    public FakeShimConnector Connector { get; } = new();

    public RecordingEvents Events { get; } = new();

    public FakeScope Scope { get; } = new("ns1");

    public TaskManager Manager { get; private set; }

    public IReadOnlyList<string> DeletedByBinary => File.Exists(_temp.Combine("deleted")) ? File.ReadAllLines(_temp.Combine("deleted")) : [];

    public TaskManager NewManager() => new(
        new TaskManagerOptions(TasksRoot, _temp.Combine("berthd.sock"), _temp.Combine("berthd.sock.ttrpc"), "/bin/false"),
        new ShimBinaries(new Dictionary<string, string>(), Script), Connector, Events, LinuxSyscalls.Instance, NullLogger<TaskManager>.Instance);

    public async Task<TaskManager> RestartAsync()
    {
        await Manager.DisposeAsync();
        Manager = NewManager();
        await Manager.RecoverAsync(TestContext.Current.CancellationToken);
        return Manager;
    }

    public async ValueTask DisposeAsync()
    {
        await Manager.DisposeAsync();
        _temp.Dispose();
    }
}

internal sealed class RecordingEvents : IEventPublisher
{
    public List<(string Namespace, string Topic, EventPayload Payload)> Published { get; } = [];

    public ValueTask PublishAsync(string @namespace, string topic, EventPayload payload, CancellationToken cancellationToken = default)
    {
        Published.Add((@namespace, topic, payload));
        return ValueTask.CompletedTask;
    }
}

/// <summary>A namespace with containers only.</summary>
internal sealed class FakeScope(string @namespace) : INamespaceScope, IContainerStore
{
    private readonly Dictionary<string, Container> _containers = [];

    public string Namespace => @namespace;

    public string? Lease => null;

    public IContainerStore Containers => this;

    public IContentStore Content => throw new NotSupportedException();

    public IImageStore Images => throw new NotSupportedException();

    public ILeaseManager Leases => throw new NotSupportedException();

    public IDiffService Diff => throw new NotSupportedException();

    public ISnapshotter Snapshotter(string name) => throw new NotSupportedException();

    public void Add(string id, string spec = "{\"ociVersion\":\"1.0.2\"}", string runtime = ShimBinaries.RuncV2)
        => _containers[id] = new Container(id)
        {
            Runtime = new ContainerRuntime(runtime),
            Spec = new PackedMessage("types.containerd.io/opencontainers/runtime-spec/1/Spec", System.Text.Encoding.UTF8.GetBytes(spec)),
        };

    public ValueTask<Container> GetAsync(string id, CancellationToken cancellationToken = default)
        => _containers.TryGetValue(id, out var container)
            ? ValueTask.FromResult(container)
            : ValueTask.FromException<Container>(new NotFoundException($"container {id} not found"));

    public async IAsyncEnumerable<Container> ListAsync(IReadOnlyList<string>? filters = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var container in _containers.Values)
        {
            yield return container;
        }
    }

    public ValueTask<Container> CreateAsync(Container container, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Container> UpdateAsync(Container container, IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public ValueTask DeleteAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
