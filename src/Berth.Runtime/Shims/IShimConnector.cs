using Berth.Ttrpc.Tasks;

namespace Berth.Runtime.Shims;

/// <summary>A connection to one shim; disposing it closes the connection, not the shim.</summary>
public interface IShimConnection : IAsyncDisposable
{
    /// <summary>The address it is connected to.</summary>
    string Address { get; }

    /// <summary>The shim's task API.</summary>
    ITaskService Api { get; }
}

/// <summary>Connects to a shim's socket (the seam where ttrpc comes in, and a fake in tests).</summary>
public interface IShimConnector
{
    /// <summary>Connects to the shim at <paramref name="address"/>, speaking for <paramref name="namespace"/>; Unavailable if it does not answer.</summary>
    Task<IShimConnection> ConnectAsync(string address, string @namespace, CancellationToken cancellationToken);
}
