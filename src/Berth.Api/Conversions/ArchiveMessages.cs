using Berth.Core.Errors;
using Berth.Core.Transfer;

namespace Berth.Api.Images.V1;

public sealed partial class ExportRequest
{
    public ImageExportRequest ToCore()
    {
        if (Images.Count == 0)
        {
            throw new InvalidArgumentException("no image to export: name at least one image");
        }

        return new ImageExportRequest([.. Images.Select(i => new ExportedImage(i.Name, i.Untagged))])
        {
            Format = Format == ArchiveFormat.Oci ? Core.Transfer.ArchiveFormat.Oci : Core.Transfer.ArchiveFormat.Docker,
            Platform = Platform?.ToCore(),
        };
    }

    public static ExportRequest FromCore(ImageExportRequest request)
    {
        var wire = new ExportRequest { Format = request.Format == Core.Transfer.ArchiveFormat.Oci ? ArchiveFormat.Oci : ArchiveFormat.Docker };
        wire.Images.AddRange(request.Images.Select(i => new ExportImage { Name = i.Name, Untagged = i.Untagged }));
        if (request.Platform is not null)
        {
            wire.Platform = Platform.FromCore(request.Platform);
        }

        return wire;
    }
}

public sealed partial class ImportRequest
{
    public ImageImportRequest ToCore() => new(Kind == ImportKind.Rootfs ? Core.Transfer.ImportKind.Rootfs : Core.Transfer.ImportKind.Archive)
    {
        Snapshotter = Snapshotter.Length == 0 ? null : Snapshotter,
        Reference = Reference.Length == 0 ? null : Reference,
        Changes = [.. Changes],
        Message = Message.Length == 0 ? null : Message,
        Platform = Platform?.ToCore(),
        Source = Source.Length == 0 ? "-" : Source,
    };

    public static ImportRequest FromCore(ImageImportRequest request)
    {
        var wire = new ImportRequest
        {
            Kind = request.Kind == Core.Transfer.ImportKind.Rootfs ? ImportKind.Rootfs : ImportKind.Archive,
            Snapshotter = request.Snapshotter ?? string.Empty,
            Reference = request.Reference ?? string.Empty,
            Message = request.Message ?? string.Empty,
            Source = request.Source,
        };
        wire.Changes.AddRange(request.Changes);
        if (request.Platform is not null)
        {
            wire.Platform = Platform.FromCore(request.Platform);
        }

        return wire;
    }
}
