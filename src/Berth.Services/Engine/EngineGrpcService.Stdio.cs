using Berth.Api.Conversions;
using Berth.Core.Errors;
using Grpc.Core;
using CoreOutputChunk = Berth.Core.Engine.OutputChunk;
using IContainerAttachment = Berth.Core.Engine.IContainerAttachment;

namespace Berth.Services.Engine;

// Attach and Exec relay stdio the same way once their first messages are through: this is that relay.
internal sealed partial class EngineGrpcService
{
    /// <summary>
    /// Sends the attachment's output to the client while passing the client's stdin, its end and window sizes to the
    /// attachment; returns once the output has ended (the input pump stopped), and throws what failed either pump.
    /// </summary>
    private static async Task RelayStdioAsync<TInput, TOutput>(IContainerAttachment attachment, IAsyncStreamReader<TInput> requestStream,
        IServerStreamWriter<TOutput> responseStream, Func<CoreOutputChunk, TOutput> toWire, string misplacedInput,
        CancellationToken cancellationToken)
        where TInput : IStdioInput<TInput>
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var output = PumpOutputAsync(attachment, responseStream, toWire, stop.Token);
        var input = PumpInputAsync(requestStream, attachment, misplacedInput, stop.Token);
        var first = await Task.WhenAny(output, input);
        if (first == input && input.IsCompletedSuccessfully)
        {
            // The client half-closed its side (nothing more to send): the output still decides when the call ends.
            await output;
            return;
        }

        // The output ended, or the input failed (a bad message, a write the engine refused): stop the other pump
        // before the call goes on, since the request stream must not be read after its handler returns.
        await stop.CancelAsync();
        var other = first == output ? input : output;
        try
        {
            await other;
        }
        catch (Exception)
        {
            // Ended by the cancellation above, or failed on its way out: the first pump's outcome is the call's.
        }

        await first;
    }

    private static async Task PumpOutputAsync<TOutput>(IContainerAttachment attachment, IServerStreamWriter<TOutput> responseStream,
        Func<CoreOutputChunk, TOutput> toWire, CancellationToken cancellationToken)
    {
        await foreach (var chunk in attachment.ReadOutputAsync(cancellationToken))
        {
            await responseStream.WriteAsync(toWire(chunk), cancellationToken);
        }
    }

    private static async Task PumpInputAsync<TInput>(IAsyncStreamReader<TInput> requestStream, IContainerAttachment attachment,
        string misplacedInput, CancellationToken cancellationToken)
        where TInput : IStdioInput<TInput>
    {
        while (await requestStream.MoveNext(cancellationToken))
        {
            var input = requestStream.Current;
            switch (input.StdioKind)
            {
                case StdioInputKind.Stdin:
                    await attachment.WriteInputAsync(input.Stdin.Memory, cancellationToken);
                    break;
                case StdioInputKind.StdinClosed:
                    await attachment.CloseInputAsync(cancellationToken);
                    break;
                case StdioInputKind.Resize:
                    await attachment.ResizeAsync(input.Resize.Width, input.Resize.Height, cancellationToken);
                    break;
                default:
                    throw new InvalidArgumentException(misplacedInput);
            }
        }
    }
}
