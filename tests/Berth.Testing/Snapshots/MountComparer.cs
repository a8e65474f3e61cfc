using Berth.Core.Mounts;

namespace Berth.Testing.Snapshots;

/// <summary>Compares mounts by value (the record compares its option list by reference).</summary>
public sealed class MountComparer : IEqualityComparer<Mount>
{
    public static MountComparer Instance { get; } = new();

    public bool Equals(Mount? x, Mount? y)
        => x is not null && y is not null && x.Type == y.Type && x.Source == y.Source && x.Options.SequenceEqual(y.Options);

    public int GetHashCode(Mount obj) => HashCode.Combine(obj.Type, obj.Source, obj.Options.Count);
}
