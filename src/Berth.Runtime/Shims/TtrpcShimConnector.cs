using Berth.Ttrpc;
using Berth.Ttrpc.Tasks;

namespace Berth.Runtime.Shims;

/// <summary>Reaches shims over ttrpc, the way containerd does (and so Debian's containerd-shim-runc-v2 as well as berth-shim).</summary>
public sealed class TtrpcShimConnector : IShimConnector
{
    /// <inheritdoc />
    public async Task<IShimConnection> ConnectAsync(string address, string @namespace, CancellationToken cancellationToken)
    {
        var client = await TtrpcClient.ConnectAsync(address, cancellationToken);
        return new Connection(client, new TaskClient(client, @namespace));
    }

    private sealed class Connection(TtrpcClient client, TaskClient api) : IShimConnection
    {
        public string Address => client.Address;

        public ITaskService Api => api;

        public ValueTask DisposeAsync() => client.DisposeAsync();
    }
}
