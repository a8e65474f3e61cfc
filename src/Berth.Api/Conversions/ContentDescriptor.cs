using Berth.Api.Conversions;
using Berth.Oci;

namespace Containerd.Types;

public sealed partial class ContentDescriptor
{
    public Descriptor ToCore() => new(MediaType, Wire.ToDigest(Digest), Size) { Annotations = Wire.ToLabels(Annotations) };

    public static ContentDescriptor FromCore(Descriptor descriptor)
    {
        var wire = new ContentDescriptor { MediaType = descriptor.MediaType, Digest = descriptor.Digest.ToString(), Size = descriptor.Size };
        Wire.Fill(wire.Annotations, descriptor.Annotations);
        return wire;
    }
}

public sealed partial class Mount
{
    public Berth.Core.Mounts.Mount ToCore() => new(Type, Source, [.. Options]);

    public static Mount FromCore(Berth.Core.Mounts.Mount mount)
    {
        var wire = new Mount { Type = mount.Type, Source = mount.Source };
        wire.Options.Add(mount.Options);
        return wire;
    }
}
