using Berth.Api.Conversions;
using Berth.Core.Errors;
using Grpc.Core;

namespace Berth.Client.Proxies;

// Attach and Exec are the same kind of call: a first message, the daemon's first answer, then output one way and
// stdin, its end and window sizes the other. This is what the two sessions share.
internal sealed partial class ContainerEngineProxy
{
    /// <summary>
    /// Sends the call's first message and returns the daemon's first answer. The call belongs to the session, not to
    /// this method: the token only bounds the wait, and the call is disposed when it fails.
    /// </summary>
    private static async ValueTask<TOutput> OpenAsync<TInput, TOutput>(AsyncDuplexStreamingCall<TInput, TOutput> call, TInput first,
        string endedEarly, CancellationToken cancellationToken)
    {
        try
        {
            using (cancellationToken.Register(static c => ((IDisposable)c!).Dispose(), call))
            {
                await call.RequestStream.WriteAsync(first, CancellationToken.None).ConfigureAwait(false);
                if (!await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
                {
                    throw new InternalException(endedEarly);
                }
            }

            // A cancellation that came just after the answer has disposed the call all the same.
            cancellationToken.ThrowIfCancellationRequested();
            return call.ResponseStream.Current;
        }
        catch
        {
            call.Dispose();
            // Disposing the call for the token shows as a cancelled call: report it as this token's cancellation.
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
    }

    /// <summary>
    /// The client's half of an attach or an exec. Writes may run beside a read (gRPC allows a single pending write,
    /// so writes queue). Disposing ends the call: the daemon detaches, the container or process goes on.
    /// </summary>
    private abstract class StdioCall<TInput, TOutput>(AsyncDuplexStreamingCall<TInput, TOutput> call, string endedMessage) : IAsyncDisposable
        where TInput : IStdioInput<TInput>
    {
        private readonly SemaphoreSlim _writes = new(1, 1);
        private int _disposed;

        protected IAsyncStreamReader<TOutput> Responses => call.ResponseStream;

        public ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
            => SendAsync(TInput.OfStdin(data.Span), cancellationToken);

        public ValueTask CloseInputAsync(CancellationToken cancellationToken = default) => SendAsync(TInput.OfStdinClosed(), cancellationToken);

        public ValueTask ResizeAsync(uint width, uint height, CancellationToken cancellationToken = default)
            => SendAsync(TInput.OfResize(width, height), cancellationToken);

        public virtual ValueTask DisposeAsync()
        {
            // Cancels the call unless it has ended: the daemon sees the client go and disposes its side.
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                call.Dispose();
            }

            return ValueTask.CompletedTask;
        }

        protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed != 0, this);

        private async ValueTask SendAsync(TInput input, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await call.RequestStream.WriteAsync(input, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && EndedWell())
            {
                // gRPC refuses writes once the daemon ended the call (with an OK status as the "error").
                throw new FailedPreconditionException(endedMessage, ex);
            }
            finally
            {
                _writes.Release();
            }
        }

        // Whether the daemon has ended the call without an error (a failed call's writes throw its error instead).
        private bool EndedWell()
        {
            try
            {
                return call.GetStatus().StatusCode == StatusCode.OK;
            }
            catch (InvalidOperationException)
            {
                return false; // not ended yet
            }
        }
    }
}
