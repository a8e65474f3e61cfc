using System.Collections.Concurrent;
using Berth.Core.Containers;
using Berth.Core.Content;
using Berth.Core.Diff;
using Berth.Core.Events;
using Berth.Core.Images;
using Berth.Core.Leases;
using Berth.Core.Metadata;
using Berth.Core.Namespaces;
using Berth.Core.Snapshots;
using Berth.Services.Tests.TestHosting;
using Microsoft.Extensions.DependencyInjection;
using Rpc = Containerd.Services.Containers.V1.Containers;

namespace Berth.Services.Tests.Containers;

/// <summary>berth's gRPC services on a private unix socket, with in-memory container stores per namespace behind them.</summary>
internal sealed class ContainersTestHost : FakeServicesHost
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private readonly Stores _stores;

    private ContainersTestHost(Stores stores, RecordingEventExchange events)
        : base("containers", services => services.AddSingleton<IMetadataStore>(stores).AddSingleton<IEventExchange>(events))
    {
        _stores = stores;
        Events = events;
    }

    public RecordingEventExchange Events { get; }

    public static Task<ContainersTestHost> StartAsync() => StartAsync(new ContainersTestHost(new Stores(), new RecordingEventExchange()));

    public InMemoryContainerStore Store(string @namespace) => _stores.For(@namespace);

    /// <summary>The generated client with no berth mapping in between, to see status codes and the unary List.</summary>
    public Rpc.ContainersClient RawClient() => new(RawChannel);

    private sealed class Stores : IMetadataStore
    {
        private readonly ConcurrentDictionary<string, InMemoryContainerStore> _byNamespace = new(StringComparer.Ordinal);

        public INamespaceStore Namespaces => throw new NotSupportedException();

        public IReadOnlyList<string> Snapshotters => ["overlayfs"];

        public IGarbageCollector GarbageCollector => throw new NotSupportedException();

        public InMemoryContainerStore For(string @namespace) => _byNamespace.GetOrAdd(@namespace, _ => new InMemoryContainerStore(Now));

        public INamespaceScope ForNamespace(string @namespace, string? lease = null) => new Scope(@namespace, lease, For(@namespace));
    }

    private sealed record Scope(string Namespace, string? Lease, IContainerStore Containers) : INamespaceScope
    {
        public IContentStore Content => throw new NotSupportedException();

        public IImageStore Images => throw new NotSupportedException();

        public ILeaseManager Leases => throw new NotSupportedException();

        public IDiffService Diff => throw new NotSupportedException();

        public ISnapshotter Snapshotter(string name) => throw new NotSupportedException();
    }
}

/// <summary>Keeps every event published, in order.</summary>
internal sealed class RecordingEventExchange : IEventExchange
{
    private readonly ConcurrentQueue<Envelope> _published = new();

    public IReadOnlyList<Envelope> Published => [.. _published];

    public ValueTask PublishAsync(string @namespace, string topic, EventPayload payload, CancellationToken cancellationToken = default)
    {
        _published.Enqueue(new Envelope(ContainersTestHost.Now, @namespace, topic, payload));
        return ValueTask.CompletedTask;
    }

    public ValueTask ForwardAsync(Envelope envelope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<Envelope> SubscribeAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();
}
