using Berth.Api.Conversions;
using Containerd.Types;

namespace Containerd.Services.Images.V1;

public sealed partial class Image
{
    public Berth.Core.Images.Image ToCore()
    {
        if (Target is null)
        {
            throw new Berth.Core.Errors.InvalidArgumentException($"image {Name}: target descriptor is required");
        }

        return new(Name, Target.ToCore()) { Labels = Wire.ToLabels(Labels), CreatedAt = Wire.ToTime(CreatedAt), UpdatedAt = Wire.ToTime(UpdatedAt) };
    }

    public static Image FromCore(Berth.Core.Images.Image image)
    {
        var wire = new Image
        {
            Name = image.Name,
            Target = ContentDescriptor.FromCore(image.Target),
            CreatedAt = Wire.ToTimestamp(image.CreatedAt),
            UpdatedAt = Wire.ToTimestamp(image.UpdatedAt),
        };
        Wire.Fill(wire.Labels, image.Labels);
        return wire;
    }
}
