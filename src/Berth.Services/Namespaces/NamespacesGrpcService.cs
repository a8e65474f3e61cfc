using Berth.Api.Conversions;
using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Services.Events;
using Containerd.Services.Namespaces.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Rpc = Containerd.Services.Namespaces.V1.Namespaces;
using Ev = Containerd.Events;

namespace Berth.Services.Namespaces;

/// <summary>containerd's Namespaces service over <see cref="Core.Namespaces.INamespaceStore"/>.</summary>
internal sealed class NamespacesGrpcService(IMetadataStore metadata, IEventPublisher events) : Rpc.NamespacesBase
{
    private Core.Namespaces.INamespaceStore Store => metadata.Namespaces;

    public override async Task<GetNamespaceResponse> Get(GetNamespaceRequest request, ServerCallContext context)
        => new() { Namespace = await ToWireAsync(request.Name, context.CancellationToken) };

    public override async Task<ListNamespacesResponse> List(ListNamespacesRequest request, ServerCallContext context)
    {
        var response = new ListNamespacesResponse();
        foreach (string name in await Store.ListAsync(context.CancellationToken))
        {
            response.Namespaces.Add(await ToWireAsync(name, context.CancellationToken));
        }

        return response;
    }

    public override async Task<CreateNamespaceResponse> Create(CreateNamespaceRequest request, ServerCallContext context)
    {
        var ns = request.Namespace ?? throw new InvalidArgumentException("namespace is required");
        await Store.CreateAsync(ns.Name, Wire.ToLabels(ns.Labels), context.CancellationToken);
        var created = new Ev.NamespaceCreate { Name = ns.Name };
        created.Labels.Add(ns.Labels);
        await events.PublishAsync(ns.Name, "/namespaces/create", created, context.CancellationToken);
        return new() { Namespace = await ToWireAsync(ns.Name, context.CancellationToken) };
    }

    public override async Task<UpdateNamespaceResponse> Update(UpdateNamespaceRequest request, ServerCallContext context)
    {
        var ns = request.Namespace ?? throw new InvalidArgumentException("namespace is required");
        var current = await Store.GetLabelsAsync(ns.Name, context.CancellationToken);
        var paths = Wire.ToFieldPaths(request.UpdateMask);
        var (labels, others) = Core.Labels.LabelSet.ApplyUpdate(current, Wire.ToLabels(ns.Labels), paths);
        if (others.Count > 0)
        {
            throw new InvalidArgumentException($"cannot update {string.Join(", ", others)} field on namespace {ns.Name}");
        }

        foreach (string key in current.Keys.Where(k => !labels.ContainsKey(k)))
        {
            await Store.SetLabelAsync(ns.Name, key, string.Empty, context.CancellationToken);
        }

        foreach (var (key, value) in labels.Where(kv => !current.TryGetValue(kv.Key, out var v) || v != kv.Value))
        {
            await Store.SetLabelAsync(ns.Name, key, value, context.CancellationToken);
        }

        var updated = new Ev.NamespaceUpdate { Name = ns.Name };
        updated.Labels.Add(labels);
        await events.PublishAsync(ns.Name, "/namespaces/update", updated, context.CancellationToken);
        return new() { Namespace = await ToWireAsync(ns.Name, context.CancellationToken) };
    }

    public override async Task<Empty> Delete(DeleteNamespaceRequest request, ServerCallContext context)
    {
        await Store.DeleteAsync(request.Name, context.CancellationToken);
        await events.PublishAsync(request.Name, "/namespaces/delete", new Ev.NamespaceDelete { Name = request.Name }, context.CancellationToken);
        return new Empty();
    }

    private async Task<Namespace> ToWireAsync(string name, CancellationToken cancellationToken)
    {
        var wire = new Namespace { Name = name };
        Wire.Fill(wire.Labels, await Store.GetLabelsAsync(name, cancellationToken));
        return wire;
    }
}
