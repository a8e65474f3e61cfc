using Berth.Api.Conversions;
using Berth.Core.Leases;

namespace Containerd.Services.Leases.V1;

public sealed partial class Lease
{
    public Berth.Core.Leases.Lease ToCore() => new(Id, Wire.ToTime(CreatedAt)) { Labels = Wire.ToLabels(Labels) };

    public static Lease FromCore(Berth.Core.Leases.Lease lease)
    {
        var wire = new Lease { Id = lease.Id, CreatedAt = Wire.ToTimestamp(lease.CreatedAt) };
        Wire.Fill(wire.Labels, lease.Labels);
        return wire;
    }
}

public sealed partial class Resource
{
    public LeaseResource ToCore() => new(Id, Type);

    public static Resource FromCore(LeaseResource resource) => new() { Id = resource.Id, Type = resource.Type };
}
