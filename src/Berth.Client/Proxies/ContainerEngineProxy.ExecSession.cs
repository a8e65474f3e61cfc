using System.Runtime.CompilerServices;
using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Grpc.Core;
using CoreOutputChunk = Berth.Core.Engine.OutputChunk;

namespace Berth.Client.Proxies;

internal sealed partial class ContainerEngineProxy
{
    /// <summary>
    /// One exec call. Its output stops at the exit message, whose code <see cref="WaitAsync"/> answers. Reading the
    /// output to its end and then waiting (what <c>docker exec</c> does) buffers nothing; a wait with output left
    /// unread reads it into memory, in order, for a later read, so that the wait completes whoever reads. Cancelling a
    /// read ends the call (gRPC cancels the whole call for it); cancelling a wait only gives up that wait.
    /// </summary>
    private sealed class ExecSession(AsyncDuplexStreamingCall<ExecInput, ExecOutput> call, string execId, bool tty)
        : StdioCall<ExecInput, ExecOutput>(call, "the exec has ended: the process's streams are closed"), IExecSession
    {
        // Held by whoever pulls from the response stream or the unread queue, so chunks leave in the order they came.
        private readonly SemaphoreSlim _receive = new(1, 1);
        private readonly Queue<CoreOutputChunk> _unread = new();
        private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _draining;

        public bool Tty => tty;

        public string ExecId => execId;

        public async IAsyncEnumerable<CoreOutputChunk> ReadOutputAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            while (await NextAsync(cancellationToken).ConfigureAwait(false) is { } chunk)
            {
                yield return chunk;
            }
        }

        public async ValueTask<int> WaitAsync(CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            if (!_exit.Task.IsCompleted && Interlocked.Exchange(ref _draining, 1) == 0)
            {
                _ = DrainAsync();
            }

            return await _exit.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        public override ValueTask DisposeAsync()
        {
            _exit.TrySetException(new ObjectDisposedException(nameof(ExecSession), "the exec session was disposed before the process exited"));
            return base.DisposeAsync();
        }

        // The next chunk, from the queue a wait filled or else from the call; null once the exit has come.
        private async ValueTask<CoreOutputChunk?> NextAsync(CancellationToken cancellationToken)
        {
            await _receive.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_unread.TryDequeue(out var unread))
                {
                    return unread;
                }

                if (_exit.Task.IsCompleted)
                {
                    await _exit.Task.ConfigureAwait(false); // a call that failed fails every read after, not only the first
                    return null;
                }

                return await ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _receive.Release();
            }
        }

        // Not bound to any wait's token: giving up one wait must not cancel the call. Disposal ends it.
        private async Task DrainAsync()
        {
            try
            {
                while (!_exit.Task.IsCompleted)
                {
                    await _receive.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        if (!_exit.Task.IsCompleted && await ReceiveAsync(CancellationToken.None).ConfigureAwait(false) is { } chunk)
                        {
                            _unread.Enqueue(chunk);
                        }
                    }
                    finally
                    {
                        _receive.Release();
                    }
                }
            }
            catch (Exception)
            {
                // ReceiveAsync has failed the exit with it: the waits see the error.
            }
        }

        // One message from the call (the caller holds _receive): output as a chunk; the exit settles _exit and is null.
        private async Task<CoreOutputChunk?> ReceiveAsync(CancellationToken cancellationToken)
        {
            try
            {
                if (!await Responses.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    throw new InternalException($"berthd ended exec {execId} without its exit code");
                }
            }
            catch (Exception ex)
            {
                // The call is over without an exit code: a wait must fail rather than wait for a message that cannot come.
                _exit.TrySetException(ex);
                throw;
            }

            var message = Responses.Current;
            if (!message.HasExitCode)
            {
                return message.ToCore();
            }

            try
            {
                // The exit is the last message: reading the call's end as well makes its status known before anyone
                // hears the exit, so a later write fails as "ended" rather than racing the daemon's goodbye.
                await Responses.MoveNext(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The exit code has come: whatever befell the call after it changes nothing the session reports.
            }

            _exit.TrySetResult(message.ExitCode);
            return null;
        }
    }
}
