using Berth.Runtime.Bundles;
using Berth.Runtime.Shims;

namespace Berth.Runtime.Tasks;

/// <summary>A task berthd knows: its bundle, the shim serving it and the shim's log.</summary>
internal sealed class ShimTask(TaskBundle bundle, string binary, IShimConnection shim, ShimLog? log) : IAsyncDisposable
{
    public TaskBundle Bundle => bundle;

    public string Binary => binary;

    public IShimConnection Shim => shim;

    public string Namespace => bundle.Namespace;

    public string Id => bundle.Id;

    public async ValueTask DisposeAsync()
    {
        await shim.DisposeAsync();
        log?.Dispose();
    }
}
