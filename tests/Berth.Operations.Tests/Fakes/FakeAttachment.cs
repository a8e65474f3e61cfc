using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Berth.Core.Engine;

namespace Berth.Operations.Tests.Fakes;

/// <summary>An attachment whose output the fake engine sends, and which keeps what the user sent it.</summary>
internal sealed class FakeAttachment(bool tty) : IContainerAttachment
{
    private readonly Channel<OutputChunk> _output = Channel.CreateUnbounded<OutputChunk>();

    public bool Tty => tty;

    public MemoryStream Input { get; } = new();

    public bool InputClosed { get; private set; }

    public bool Disposed { get; private set; }

    public List<(uint Width, uint Height)> Resizes { get; } = [];

    public ValueTask Send(OutputChunk chunk) => _output.Writer.WriteAsync(chunk);

    public void End() => _output.Writer.TryComplete();

    public async IAsyncEnumerable<OutputChunk> ReadOutputAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var chunk in _output.Reader.ReadAllAsync(cancellationToken))
        {
            yield return chunk;
        }
    }

    public ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        Input.Write(data.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask CloseInputAsync(CancellationToken cancellationToken = default)
    {
        InputClosed = true;
        return ValueTask.CompletedTask;
    }

    public ValueTask ResizeAsync(uint width, uint height, CancellationToken cancellationToken = default)
    {
        Resizes.Add((width, height));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        _output.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
