using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Berth.Core.Engine;

namespace Berth.Engine;

/// <summary>
/// A client attached to a container: it gets the output of the container's current or next run, and writes its stdin.
/// Made before a start, it is bound when the start sets up the stdio, so nothing written before is missed.
/// </summary>
internal sealed class Attachment(LiveContainer live, AttachStreams streams, bool tty, Func<ValueTask> closeStdin, Func<uint, uint, ValueTask> resize)
    : IContainerAttachment
{
    private readonly TaskCompletionSource<(ContainerIo Io, ChannelReader<OutputChunk> Output)> _bound =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Tty => tty;

    public void Bind(ContainerIo io) => _bound.TrySetResult((io, io.Subscribe()));

    public async IAsyncEnumerable<OutputChunk> ReadOutputAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (_, output) = await _bound.Task.WaitAsync(cancellationToken);
        await foreach (var chunk in output.ReadAllAsync(cancellationToken))
        {
            if (chunk.Stream == Core.Logs.LogStream.Stdout ? streams.Stdout : streams.Stderr)
            {
                yield return chunk;
            }
        }
    }

    public async ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var (io, _) = await _bound.Task.WaitAsync(cancellationToken);
        await io.WriteStdinAsync(data, cancellationToken);
    }

    public async ValueTask CloseInputAsync(CancellationToken cancellationToken = default)
    {
        await _bound.Task.WaitAsync(cancellationToken);
        await closeStdin();
    }

    public ValueTask ResizeAsync(uint width, uint height, CancellationToken cancellationToken = default) => resize(width, height);

    public ValueTask DisposeAsync()
    {
        live.Forget(this);
        if (_bound.Task.IsCompletedSuccessfully)
        {
            var (io, output) = _bound.Task.Result;
            io.Unsubscribe(output);
        }
        else
        {
            _bound.TrySetCanceled();
        }

        return ValueTask.CompletedTask;
    }
}
