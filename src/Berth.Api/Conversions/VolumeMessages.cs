using Berth.Core.Engine;
using CoreVolume = Berth.Core.Engine.Volume;
using CoreVolumeMount = Berth.Core.Engine.VolumeMount;

namespace Berth.Api.Containers.V1;

/// <summary>A container's volume mount on the wire: an empty name is an anonymous volume.</summary>
public sealed partial class VolumeMount
{
    /// <summary>The Core form.</summary>
    public CoreVolumeMount ToCore() => new(Conversions.EngineWire.NullIfEmpty(Name), Destination) { ReadOnly = ReadOnly, NoCopy = NoCopy };

    /// <summary>The wire form.</summary>
    public static VolumeMount FromCore(CoreVolumeMount mount) => new()
    {
        Name = mount.Name ?? string.Empty, Destination = mount.Destination, ReadOnly = mount.ReadOnly, NoCopy = mount.NoCopy,
    };
}

/// <summary>A volume on the wire.</summary>
public sealed partial class Volume
{
    /// <summary>The Core form.</summary>
    public CoreVolume ToCore() => new(Name)
    {
        Driver = Driver, Mountpoint = Mountpoint, CreatedAt = Conversions.Wire.ToTime(CreatedAt),
        Labels = Conversions.Wire.ToLabels(Labels), Options = Conversions.Wire.ToLabels(Options), Anonymous = Anonymous,
    };

    /// <summary>The wire form.</summary>
    public static Volume FromCore(CoreVolume volume)
    {
        var wire = new Volume
        {
            Name = volume.Name, Driver = volume.Driver, Mountpoint = volume.Mountpoint,
            CreatedAt = Conversions.Wire.ToTimestamp(volume.CreatedAt), Anonymous = volume.Anonymous,
        };
        Conversions.Wire.Fill(wire.Labels, volume.Labels);
        Conversions.Wire.Fill(wire.Options, volume.Options);
        return wire;
    }
}

/// <summary><c>docker volume create</c> on the wire.</summary>
public sealed partial class VolumeCreateRequest
{
    /// <summary>The Core form.</summary>
    public VolumeCreate ToCore() => new(Conversions.EngineWire.NullIfEmpty(Name))
    {
        Driver = Driver.Length == 0 ? "local" : Driver, Labels = Conversions.Wire.ToLabels(Labels), Options = Conversions.Wire.ToLabels(Options),
    };

    /// <summary>The wire form.</summary>
    public static VolumeCreateRequest FromCore(VolumeCreate request)
    {
        var wire = new VolumeCreateRequest { Name = request.Name ?? string.Empty, Driver = request.Driver };
        Conversions.Wire.Fill(wire.Labels, request.Labels);
        Conversions.Wire.Fill(wire.Options, request.Options);
        return wire;
    }
}
