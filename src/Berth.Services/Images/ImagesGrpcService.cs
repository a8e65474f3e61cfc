using Berth.Api.Conversions;
using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Services.Events;
using Berth.Services.Grpc;
using Containerd.Services.Images.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

using Rpc = Containerd.Services.Images.V1.Images;

namespace Berth.Services.Images;

/// <summary>containerd's Images service over the namespace's <see cref="Core.Images.IImageStore"/>.</summary>
internal sealed class ImagesGrpcService(IMetadataStore metadata, IEventPublisher events) : Rpc.ImagesBase
{
    public override async Task<GetImageResponse> Get(GetImageRequest request, ServerCallContext context)
    {
        var image = await metadata.Resolve(context).Images.GetAsync(request.Name, context.CancellationToken);
        return new GetImageResponse { Image = Image.FromCore(image) };
    }

    public override async Task<ListImagesResponse> List(ListImagesRequest request, ServerCallContext context)
    {
        var response = new ListImagesResponse();
        await foreach (var image in metadata.Resolve(context).Images.ListAsync([.. request.Filters], context.CancellationToken))
        {
            response.Images.Add(Image.FromCore(image));
        }

        return response;
    }

    public override async Task<CreateImageResponse> Create(CreateImageRequest request, ServerCallContext context)
    {
        var scope = metadata.Resolve(context);
        var image = (request.Image ?? throw new InvalidArgumentException("image is required")).ToCore();
        var created = await scope.Images.CreateAsync(image, context.CancellationToken);
        var ev = new ImageCreate { Name = created.Name };
        ev.Labels.Add(request.Image.Labels);
        await events.PublishAsync(scope.Namespace, "/images/create", ev, context.CancellationToken);
        return new CreateImageResponse { Image = Image.FromCore(created) };
    }

    public override async Task<UpdateImageResponse> Update(UpdateImageRequest request, ServerCallContext context)
    {
        var scope = metadata.Resolve(context);
        var image = (request.Image ?? throw new InvalidArgumentException("image is required")).ToCore();
        var updated = await scope.Images.UpdateAsync(image, Wire.ToFieldPaths(request.UpdateMask), context.CancellationToken);
        var ev = new ImageUpdate { Name = updated.Name };
        Wire.Fill(ev.Labels, updated.Labels);
        await events.PublishAsync(scope.Namespace, "/images/update", ev, context.CancellationToken);
        return new UpdateImageResponse { Image = Image.FromCore(updated) };
    }

    public override async Task<Empty> Delete(DeleteImageRequest request, ServerCallContext context)
    {
        var scope = metadata.Resolve(context);
        await scope.Images.DeleteAsync(request.Name, request.Sync, context.CancellationToken);
        await events.PublishAsync(scope.Namespace, "/images/delete", new ImageDelete { Name = request.Name }, context.CancellationToken);
        return new Empty();
    }
}
