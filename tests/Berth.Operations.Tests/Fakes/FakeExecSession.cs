using Berth.Core.Engine;

namespace Berth.Operations.Tests.Fakes;

/// <summary>An exec'd process of the fake engine: its stdio is a <see cref="FakeAttachment"/>, its exit a code the test sets.</summary>
internal sealed class FakeExecSession(FakeAttachment attachment) : IExecSession
{
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeAttachment Attachment => attachment;

    public string ExecId => "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0";

    public bool Tty => attachment.Tty;

    /// <summary>The process ends: its output closes and the wait answers with <paramref name="code"/>.</summary>
    public void End(int code)
    {
        attachment.End();
        _exit.TrySetResult(code);
    }

    public IAsyncEnumerable<OutputChunk> ReadOutputAsync(CancellationToken cancellationToken = default) => attachment.ReadOutputAsync(cancellationToken);

    public ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => attachment.WriteInputAsync(data, cancellationToken);

    public ValueTask CloseInputAsync(CancellationToken cancellationToken = default) => attachment.CloseInputAsync(cancellationToken);

    public ValueTask ResizeAsync(uint width, uint height, CancellationToken cancellationToken = default) => attachment.ResizeAsync(width, height, cancellationToken);

    public async ValueTask<int> WaitAsync(CancellationToken cancellationToken = default) => await _exit.Task.WaitAsync(cancellationToken);

    public ValueTask DisposeAsync() => attachment.DisposeAsync();
}
