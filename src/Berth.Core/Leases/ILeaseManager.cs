namespace Berth.Core.Leases;

/// <summary>Leases of one namespace.</summary>
public interface ILeaseManager
{
    /// <summary>Creates a lease; AlreadyExists if the id is taken.</summary>
    ValueTask<Lease> CreateAsync(string id, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a lease; with <paramref name="synchronous"/>, returns after garbage collection.</summary>
    ValueTask DeleteAsync(string id, bool synchronous = false, CancellationToken cancellationToken = default);

    /// <summary>Leases matching the filters (fields: <c>id</c>, <c>labels.&lt;key&gt;</c>).</summary>
    IAsyncEnumerable<Lease> ListAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default);

    /// <summary>Attaches a resource to a lease; the resource need not exist yet.</summary>
    ValueTask AddResourceAsync(string id, LeaseResource resource, CancellationToken cancellationToken = default);

    /// <summary>Detaches a resource from a lease.</summary>
    ValueTask DeleteResourceAsync(string id, LeaseResource resource, CancellationToken cancellationToken = default);

    /// <summary>The resources of a lease.</summary>
    ValueTask<IReadOnlyList<LeaseResource>> ListResourcesAsync(string id, CancellationToken cancellationToken = default);
}
