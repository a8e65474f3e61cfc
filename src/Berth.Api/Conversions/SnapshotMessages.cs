using Berth.Api.Conversions;
using Berth.Core.Snapshots;

namespace Containerd.Services.Snapshots.V1;

public sealed partial class Info
{
    public SnapshotInfo ToCore() => new(Name, Parent.Length == 0 ? null : Parent, (SnapshotKind)(int)Kind, Wire.ToTime(CreatedAt), Wire.ToTime(UpdatedAt))
    {
        Labels = Wire.ToLabels(Labels),
    };

    public static Info FromCore(SnapshotInfo info)
    {
        var wire = new Info
        {
            Name = info.Name,
            Parent = info.Parent ?? string.Empty,
            Kind = (Kind)(int)info.Kind,
            CreatedAt = Wire.ToTimestamp(info.CreatedAt),
            UpdatedAt = Wire.ToTimestamp(info.UpdatedAt),
        };
        Wire.Fill(wire.Labels, info.Labels);
        return wire;
    }
}
