using Berth.Api.Conversions;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Services.Grpc;
using Containerd.Services.Content.V1;
using Grpc.Core;

namespace Berth.Services.Content;

internal sealed partial class ContentGrpcService
{
    /// <summary>
    /// The resumable write protocol: the first message names the ref (and optionally the expected size and digest);
    /// STAT reports where the ingest stands, WRITE appends at the current offset (offset 0 on a non-empty ingest
    /// restarts it), COMMIT verifies and publishes. Each request gets one response.
    /// </summary>
    public override async Task Write(IAsyncStreamReader<WriteContentRequest> requestStream, IServerStreamWriter<WriteContentResponse> responseStream,
        ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!await requestStream.MoveNext(ct))
        {
            return;
        }

        var request = requestStream.Current;
        if (request.Ref.Length == 0)
        {
            throw new InvalidArgumentException("first message must have a reference");
        }

        var content = metadata.Resolve(context).Content;
        long total = request.Total;
        Digest? expected = Wire.ToOptionalDigest(request.Expected);
        var writer = await content.OpenWriterAsync(new ContentWriterOptions(request.Ref) { ExpectedDigest = expected, ExpectedSize = total }, ct);
        await using var _ = writer;
        while (true)
        {
            var status = await writer.StatusAsync(ct);
            var response = new WriteContentResponse { Action = request.Action, Offset = status.Offset };
            if (request.Expected.Length > 0)
            {
                expected = Wire.ToDigest(request.Expected, "expected");
                if (await ExistsAsync(content, expected.Value, ct))
                {
                    await writer.DisposeAsync();
                    await content.AbortAsync(request.Ref, ct);
                    throw new AlreadyExistsException($"blob with expected digest {expected} exists");
                }
            }

            if (request.Total > 0)
            {
                total = request.Total;
            }

            if (request.Action == WriteAction.Stat)
            {
                response.Digest = writer.Digest.ToString();
                response.StartedAt = Wire.ToTimestamp(status.StartedAt);
                response.UpdatedAt = Wire.ToTimestamp(status.UpdatedAt);
                response.Total = total;
            }
            else
            {
                response.Offset = await WriteChunkAsync(writer, request, status.Offset, ct);
                if (request.Action == WriteAction.Commit)
                {
                    await writer.CommitAsync(total, expected, Wire.ToLabels(request.Labels), ct);
                }

                response.Digest = writer.Digest.ToString();
            }

            await responseStream.WriteAsync(response, ct);
            if (request.Action == WriteAction.Commit || !await requestStream.MoveNext(ct))
            {
                return;
            }

            request = requestStream.Current;
        }
    }

    private static async Task<long> WriteChunkAsync(IContentWriter writer, WriteContentRequest request, long offset, CancellationToken ct)
    {
        if (request.Offset > 0 && request.Offset != offset)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.OutOfRange,
                $"write @{request.Offset} must occur at current offset {offset}"));
        }

        if (request.Offset == 0 && offset > 0)
        {
            await writer.TruncateAsync(0, ct);
            offset = 0;
        }

        if (!request.Data.IsEmpty)
        {
            await writer.WriteAsync(request.Data.Memory, ct);
            offset += request.Data.Length;
        }

        return offset;
    }

    private static async Task<bool> ExistsAsync(IContentStore content, Digest digest, CancellationToken ct)
    {
        try
        {
            await content.InfoAsync(digest, ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
