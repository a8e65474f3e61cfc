using Berth.Api.Containers.V1;
using Berth.Core.Errors;
using Berth.Services.Grpc;
using Grpc.Core;

namespace Berth.Services.Engine;

internal sealed partial class EngineGrpcService
{
    // A session lives as long as the call: the exit message ends it, and a client that goes away cancels it, which
    // detaches (disposes the session) and leaves the process running; the engine reaps it when it ends.
    public override async Task Exec(IAsyncStreamReader<ExecInput> requestStream, IServerStreamWriter<ExecOutput> responseStream,
        ServerCallContext context)
    {
        var engine = Engine(context);
        var scope = metadata.Resolve(context);
        var ct = context.CancellationToken;
        if (!await requestStream.MoveNext(ct) || requestStream.Current.InputCase != ExecInput.InputOneofCase.Start)
        {
            throw new InvalidArgumentException("an exec starts with start, naming the container and the command: send it first");
        }

        var start = requestStream.Current.Start;
        if (start.Command.Count == 0)
        {
            throw new InvalidArgumentException("No exec command specified"); // dockerd's words
        }

        await using var session = await engine.ExecAsync(scope, start.Container, start.ToCore(), ct);
        // The session is attached from the process's start: the output that follows this is all of it.
        await responseStream.WriteAsync(ExecOutput.Started(session.ExecId), ct);
        await RelayStdioAsync(session, requestStream, responseStream, ExecOutput.FromCore,
            "an exec is started once: later messages carry stdin bytes, its end or a window size", ct);
        // The output ends when the process's streams close; the code comes from the task once the process is reaped.
        int exitCode = await session.WaitAsync(ct);
        await responseStream.WriteAsync(ExecOutput.Exited(exitCode), ct);
    }
}
