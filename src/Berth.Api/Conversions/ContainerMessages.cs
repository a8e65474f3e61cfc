using Berth.Api.Conversions;
using Berth.Core.Containers;

namespace Containerd.Services.Containers.V1;

/// <summary>
/// containerd's container message. The spec, runtime options and extensions travel as <c>Any</c> and are kept as
/// packed bytes both ways, so whatever a client wrote comes back to it byte for byte.
/// </summary>
public sealed partial class Container
{
    public Berth.Core.Containers.Container ToCore() => new(Id)
    {
        Labels = Wire.ToLabels(Labels),
        Image = Image,
        Runtime = Runtime is null ? ContainerRuntime.None : new ContainerRuntime(Runtime.Name, Packing.Unpack(Runtime.Options)),
        Spec = Packing.Unpack(Spec),
        Snapshotter = Snapshotter,
        SnapshotKey = SnapshotKey,
        CreatedAt = Wire.ToTime(CreatedAt),
        UpdatedAt = Wire.ToTime(UpdatedAt),
        Extensions = Extensions.Count == 0
            ? Berth.Core.Containers.Container.EmptyExtensions
            : Extensions.ToDictionary(e => e.Key, e => Packing.Unpack(e.Value)!, StringComparer.Ordinal),
    };

    /// <summary>As containerd sends it: the runtime always present, the spec absent only when there is none.</summary>
    public static Container FromCore(Berth.Core.Containers.Container container)
    {
        var wire = new Container
        {
            Id = container.Id,
            Image = container.Image,
            Runtime = new Types.Runtime { Name = container.Runtime.Name, Options = Packing.Pack(container.Runtime.Options) },
            Spec = Packing.Pack(container.Spec),
            Snapshotter = container.Snapshotter,
            SnapshotKey = container.SnapshotKey,
            CreatedAt = Wire.ToTimestamp(container.CreatedAt),
            UpdatedAt = Wire.ToTimestamp(container.UpdatedAt),
        };
        Wire.Fill(wire.Labels, container.Labels);
        foreach (var (name, extension) in container.Extensions)
        {
            wire.Extensions[name] = Packing.Pack(extension);
        }

        return wire;
    }
}
