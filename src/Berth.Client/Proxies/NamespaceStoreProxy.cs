using Berth.Api.Conversions;
using Berth.Core.Namespaces;
using Containerd.Services.Namespaces.V1;
using Google.Protobuf.WellKnownTypes;
using Rpc = Containerd.Services.Namespaces.V1.Namespaces;

namespace Berth.Client.Proxies;

/// <summary><see cref="INamespaceStore"/> over containerd's Namespaces service.</summary>
internal sealed class NamespaceStoreProxy(Rpc.NamespacesClient client) : INamespaceStore
{
    public async ValueTask CreateAsync(string name, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        var ns = new Namespace { Name = name };
        Wire.Fill(ns.Labels, labels ?? Core.Labels.LabelSet.Empty);
        await client.CreateAsync(new CreateNamespaceRequest { Namespace = ns }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyDictionary<string, string>> GetLabelsAsync(string name, CancellationToken cancellationToken = default)
    {
        var response = await client.GetAsync(new GetNamespaceRequest { Name = name }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Wire.ToLabels(response.Namespace.Labels);
    }

    public async ValueTask SetLabelAsync(string name, string key, string value, CancellationToken cancellationToken = default)
    {
        var ns = new Namespace { Name = name };
        if (value.Length > 0)
        {
            ns.Labels[key] = value;
        }

        var mask = new FieldMask();
        mask.Paths.Add($"labels.{key}");
        await client.UpdateAsync(new UpdateNamespaceRequest { Namespace = ns, UpdateMask = mask }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        var response = await client.ListAsync(new ListNamespacesRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. response.Namespaces.Select(n => n.Name)];
    }

    public async ValueTask DeleteAsync(string name, CancellationToken cancellationToken = default)
        => await client.DeleteAsync(new DeleteNamespaceRequest { Name = name }, cancellationToken: cancellationToken).ConfigureAwait(false);
}
