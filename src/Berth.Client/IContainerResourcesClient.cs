using Berth.Core.Engine;

namespace Berth.Client;

/// <summary>
/// berthd's Resources service (<c>berth.containers.v1.Resources</c>) in the client's namespace: <see cref="IContainerResources"/>
/// without the scope. CPU % needs two readings of <see cref="StatsAsync"/>, some time apart.
/// </summary>
public interface IContainerResourcesClient
{
    /// <summary>The container's processes as the host's <c>ps</c> shows them; FailedPrecondition when it does not run.</summary>
    ValueTask<ProcessTable> TopAsync(string container, IReadOnlyList<string> psArgs, CancellationToken cancellationToken = default);

    /// <summary>One reading of the container's counters.</summary>
    ValueTask<ContainerStatsSample> StatsAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Changes the container's limits and restart policy (set fields only).</summary>
    ValueTask UpdateAsync(string container, ResourceUpdate update, CancellationToken cancellationToken = default);
}
