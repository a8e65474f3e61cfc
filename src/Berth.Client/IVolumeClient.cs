using Berth.Core.Engine;

namespace Berth.Client;

/// <summary>berthd's volumes (<c>berth.containers.v1.Volumes</c>) in the client's namespace: <see cref="IVolumeStore"/> without the scope.</summary>
public interface IVolumeClient
{
    /// <summary>Makes a volume, or returns the one of that name.</summary>
    ValueTask<Volume> CreateAsync(VolumeCreate request, CancellationToken cancellationToken = default);

    /// <summary>One volume; NotFound <c>get x: no such volume</c>.</summary>
    ValueTask<Volume> InspectAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every volume, by name.</summary>
    ValueTask<IReadOnlyList<Volume>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a volume no container uses.</summary>
    ValueTask RemoveAsync(string name, bool force = false, CancellationToken cancellationToken = default);

    /// <summary>Removes the volumes no container uses (anonymous ones unless <paramref name="all"/>); returns their names.</summary>
    ValueTask<IReadOnlyList<string>> PruneAsync(bool all = false, CancellationToken cancellationToken = default);
}
