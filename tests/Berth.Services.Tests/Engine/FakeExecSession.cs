using Berth.Core.Engine;

namespace Berth.Services.Tests.Engine;

/// <summary>The engine's side of an exec: an attachment whose exit code the test gives through <see cref="Exit"/>.</summary>
internal sealed class FakeExecSession(string execId, bool tty) : FakeAttachment(tty), IExecSession
{
    public string ExecId => execId;

    public TaskCompletionSource<int> Exit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask<int> WaitAsync(CancellationToken cancellationToken = default) => new(Exit.Task.WaitAsync(cancellationToken));
}
