using Berth.Core.Engine;

namespace Berth.Engine;

/// <summary>An exec'd process's session: an attachment bound to its stdio from its start, and its exit.</summary>
internal sealed class ExecSession(string execId, Attachment attachment, Task<int> exited) : IExecSession
{
    public string ExecId => execId;

    public bool Tty => attachment.Tty;

    public IAsyncEnumerable<OutputChunk> ReadOutputAsync(CancellationToken cancellationToken = default) => attachment.ReadOutputAsync(cancellationToken);

    public ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        => attachment.WriteInputAsync(data, cancellationToken);

    public ValueTask CloseInputAsync(CancellationToken cancellationToken = default) => attachment.CloseInputAsync(cancellationToken);

    public ValueTask ResizeAsync(uint width, uint height, CancellationToken cancellationToken = default)
        => attachment.ResizeAsync(width, height, cancellationToken);

    public async ValueTask<int> WaitAsync(CancellationToken cancellationToken = default) => await exited.WaitAsync(cancellationToken);

    public ValueTask DisposeAsync() => attachment.DisposeAsync();
}
