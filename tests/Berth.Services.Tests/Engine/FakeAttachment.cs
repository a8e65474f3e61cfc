using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Berth.Core.Engine;

namespace Berth.Services.Tests.Engine;

/// <summary>
/// The engine's side of an attachment: the test writes the container's output into <see cref="Output"/> and reads what
/// the client sent, in order, from <see cref="Inputs"/> (<c>stdin:…</c>, <c>close</c>, <c>resize:WxH</c>).
/// Not sealed: an exec session is this plus an id and an exit.
/// </summary>
internal class FakeAttachment(bool tty) : IContainerAttachment
{
    public bool Tty => tty;

    public Channel<OutputChunk> Output { get; } = Channel.CreateUnbounded<OutputChunk>();

    public Channel<string> Inputs { get; } = Channel.CreateUnbounded<string>();

    public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async IAsyncEnumerable<OutputChunk> ReadOutputAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var chunk in Output.Reader.ReadAllAsync(cancellationToken))
        {
            yield return chunk;
        }
    }

    public ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        => Inputs.Writer.WriteAsync("stdin:" + Encoding.UTF8.GetString(data.Span), cancellationToken);

    public ValueTask CloseInputAsync(CancellationToken cancellationToken = default) => Inputs.Writer.WriteAsync("close", cancellationToken);

    public ValueTask ResizeAsync(uint width, uint height, CancellationToken cancellationToken = default)
        => Inputs.Writer.WriteAsync($"resize:{width}x{height}", cancellationToken);

    public ValueTask DisposeAsync()
    {
        Disposed.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
