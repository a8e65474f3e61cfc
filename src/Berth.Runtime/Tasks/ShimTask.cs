using Berth.Runtime.Bundles;
using Berth.Runtime.Shims;

namespace Berth.Runtime.Tasks;

/// <summary>A task berthd knows: its bundle, the shim serving it and the shim's log.</summary>
internal sealed class ShimTask(TaskBundle bundle, string binary, IShimConnection connection, ShimLog? log) : IAsyncDisposable
{
    public TaskBundle Bundle => bundle;

    public string Binary => binary;

    /// <summary>The shim's task API.</summary>
    public Berth.Ttrpc.Tasks.ITaskService Shim => connection.Api;

    public string Namespace => bundle.Namespace;

    public string Id => bundle.Id;

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        log?.Dispose();
    }
}
