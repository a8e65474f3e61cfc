using Berth.Api.Conversions;
using Berth.Core.Content;

namespace Containerd.Services.Content.V1;

public sealed partial class Info
{
    public ContentInfo ToCore() => new(Wire.ToDigest(Digest), Size, Wire.ToTime(CreatedAt), Wire.ToTime(UpdatedAt)) { Labels = Wire.ToLabels(Labels) };

    public static Info FromCore(ContentInfo info)
    {
        var wire = new Info
        {
            Digest = info.Digest.ToString(),
            Size = info.Size,
            CreatedAt = Wire.ToTimestamp(info.CreatedAt),
            UpdatedAt = Wire.ToTimestamp(info.UpdatedAt),
        };
        Wire.Fill(wire.Labels, info.Labels);
        return wire;
    }
}

public sealed partial class Status
{
    public ContentStatus ToCore() => new(Ref, Offset, Total, Wire.ToOptionalDigest(Expected), Wire.ToTime(StartedAt), Wire.ToTime(UpdatedAt));

    public static Status FromCore(ContentStatus status) => new()
    {
        Ref = status.Ref,
        Offset = status.Offset,
        Total = status.Total,
        Expected = status.Expected?.ToString() ?? string.Empty,
        StartedAt = Wire.ToTimestamp(status.StartedAt),
        UpdatedAt = Wire.ToTimestamp(status.UpdatedAt),
    };
}
