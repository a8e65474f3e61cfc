using System.Buffers;
using Berth.Api.Conversions;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Services.Events;
using Berth.Services.Grpc;
using Containerd.Services.Content.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Rpc = Containerd.Services.Content.V1.Content;

namespace Berth.Services.Content;

/// <summary>containerd's Content service over the namespace's <see cref="IContentStore"/>.</summary>
internal sealed partial class ContentGrpcService(IMetadataStore metadata, IEventPublisher events) : Rpc.ContentBase
{
    // containerd reads in 1 MiB messages: well under gRPC's 4 MiB default limit.
    private const int ReadChunkSize = 1 << 20;

    public override async Task<InfoResponse> Info(InfoRequest request, ServerCallContext context)
    {
        var info = await metadata.Resolve(context).Content.InfoAsync(Wire.ToDigest(request.Digest), context.CancellationToken);
        return new InfoResponse { Info = Containerd.Services.Content.V1.Info.FromCore(info) };
    }

    public override async Task<UpdateResponse> Update(UpdateRequest request, ServerCallContext context)
    {
        var info = (request.Info ?? throw new InvalidArgumentException("info is required")).ToCore();
        var updated = await metadata.Resolve(context).Content.UpdateAsync(info, Wire.ToFieldPaths(request.UpdateMask), context.CancellationToken);
        return new UpdateResponse { Info = Containerd.Services.Content.V1.Info.FromCore(updated) };
    }

    public override Task List(ListContentRequest request, IServerStreamWriter<ListContentResponse> responseStream, ServerCallContext context)
        => BatchedStream.WriteAsync(
            metadata.Resolve(context).Content.WalkAsync([.. request.Filters], context.CancellationToken).Select(Containerd.Services.Content.V1.Info.FromCore),
            responseStream, () => new ListContentResponse(), batch => batch.Info, context.CancellationToken);

    public override async Task<Empty> Delete(DeleteContentRequest request, ServerCallContext context)
    {
        var scope = metadata.Resolve(context);
        var digest = Wire.ToDigest(request.Digest);
        await scope.Content.DeleteAsync(digest, context.CancellationToken);
        await events.PublishAsync(scope.Namespace, "/content/delete", new Containerd.Events.ContentDelete { Digest = digest.ToString() },
            context.CancellationToken);
        return new Empty();
    }

    public override async Task Read(ReadContentRequest request, IServerStreamWriter<ReadContentResponse> responseStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var reader = await metadata.Resolve(context).Content.OpenReadAsync(Wire.ToDigest(request.Digest), ct);
        await using var _ = reader;
        if (request.Offset < 0 || request.Offset > reader.Size || request.Size < 0)
        {
            throw new InvalidArgumentException($"read of {request.Digest} at {request.Offset} (+{request.Size}) is outside its {reader.Size} bytes");
        }

        long end = request.Size == 0 ? reader.Size : Math.Min(reader.Size, request.Offset + request.Size);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ReadChunkSize);
        try
        {
            for (long offset = request.Offset; offset < end;)
            {
                int read = await reader.ReadAtAsync(buffer.AsMemory(0, (int)Math.Min(ReadChunkSize, end - offset)), offset, ct);
                if (read == 0)
                {
                    break;
                }

                await responseStream.WriteAsync(new ReadContentResponse { Offset = offset, Data = ByteString.CopyFrom(buffer, 0, read) }, ct);
                offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override async Task<StatusResponse> Status(StatusRequest request, ServerCallContext context)
    {
        var status = await metadata.Resolve(context).Content.StatusAsync(request.Ref, context.CancellationToken);
        return new StatusResponse { Status = Containerd.Services.Content.V1.Status.FromCore(status) };
    }

    public override async Task<ListStatusesResponse> ListStatuses(ListStatusesRequest request, ServerCallContext context)
    {
        var response = new ListStatusesResponse();
        await foreach (var status in metadata.Resolve(context).Content.ListStatusesAsync([.. request.Filters], context.CancellationToken))
        {
            response.Statuses.Add(Containerd.Services.Content.V1.Status.FromCore(status));
        }

        return response;
    }

    public override async Task<Empty> Abort(AbortRequest request, ServerCallContext context)
    {
        await metadata.Resolve(context).Content.AbortAsync(request.Ref, context.CancellationToken);
        return new Empty();
    }
}
