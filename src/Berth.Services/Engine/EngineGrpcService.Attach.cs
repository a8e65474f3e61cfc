using Berth.Api.Containers.V1;
using Berth.Core.Errors;
using Berth.Services.Grpc;
using Grpc.Core;

namespace Berth.Services.Engine;

internal sealed partial class EngineGrpcService
{
    // An attachment lives as long as the call: output ends the call, and a client that goes away cancels it, which
    // detaches (disposes the attachment) and leaves the container running.
    public override async Task Attach(IAsyncStreamReader<AttachInput> requestStream, IServerStreamWriter<OutputChunk> responseStream,
        ServerCallContext context)
    {
        var engine = Engine(context);
        var scope = metadata.Resolve(context);
        var ct = context.CancellationToken;
        if (!await requestStream.MoveNext(ct) || requestStream.Current.InputCase != AttachInput.InputOneofCase.Open)
        {
            throw new InvalidArgumentException("an attach starts with open, naming the container and its streams: send it first");
        }

        var open = requestStream.Current.Open;
        await using var attachment = await engine.AttachAsync(scope, open.Container, open.ToCore(), ct);
        // The engine delivers output from here on, so once the client reads this it may start the container.
        await responseStream.WriteAsync(OutputChunk.Attached(attachment.Tty), ct);
        await RelayStdioAsync(attachment, requestStream, responseStream, OutputChunk.FromCore,
            "an attach is opened once: later messages carry stdin bytes, its end or a window size", ct);
    }
}
