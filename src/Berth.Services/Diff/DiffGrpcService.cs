using Berth.Core.Diff;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Services.Grpc;
using Containerd.Services.Diff.V1;
using Containerd.Types;
using Grpc.Core;
using Rpc = Containerd.Services.Diff.V1.Diff;

namespace Berth.Services.Diff;

/// <summary>containerd's Diff service: layers applied onto, and computed from, snapshot mounts.</summary>
internal sealed class DiffGrpcService(IMetadataStore metadata) : Rpc.DiffBase
{
    public override async Task<ApplyResponse> Apply(ApplyRequest request, ServerCallContext context)
    {
        var layer = (request.Diff ?? throw new InvalidArgumentException("diff descriptor is required")).ToCore();
        var options = new DiffApplyOptions
        {
            Payloads = request.Payloads.ToDictionary(p => p.Key, p => (ReadOnlyMemory<byte>)p.Value.Value.Memory),
        };
        var applied = await metadata.Resolve(context).Diff.ApplyAsync(layer, [.. request.Mounts.Select(m => m.ToCore())], options,
            context.CancellationToken);
        return new ApplyResponse { Applied = ContentDescriptor.FromCore(applied) };
    }

    public override async Task<DiffResponse> Diff(DiffRequest request, ServerCallContext context)
    {
        var options = new DiffCompareOptions
        {
            MediaType = request.MediaType.Length == 0 ? Oci.MediaTypes.OciLayerGzip : request.MediaType,
            Ref = request.Ref.Length == 0 ? null : request.Ref,
            Labels = Api.Conversions.Wire.ToLabels(request.Labels),
        };
        var diff = await metadata.Resolve(context).Diff.CompareAsync(
            [.. request.Left.Select(m => m.ToCore())], [.. request.Right.Select(m => m.ToCore())], options, context.CancellationToken);
        return new DiffResponse { Diff = ContentDescriptor.FromCore(diff) };
    }
}
