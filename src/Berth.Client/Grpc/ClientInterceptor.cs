using Berth.Api.Conversions;
using Berth.Core.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Berth.Client.Grpc;

/// <summary>
/// Adds the tenant header to every call and turns failures back into berth's closed error set, so callers catch
/// the same exceptions as in the daemon.
/// </summary>
internal sealed class ClientInterceptor(string address, string @namespace) : Interceptor
{
    public const string NamespaceHeader = "containerd-namespace";

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, WithNamespace(context));
        return new AsyncUnaryCall<TResponse>(Map(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, WithNamespace(context));
        return new AsyncServerStreamingCall<TResponse>(new MappingReader<TResponse>(call.ResponseStream, this), call.ResponseHeadersAsync,
            call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(WithNamespace(context));
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(new MappingWriter<TRequest>(call.RequestStream, this),
            new MappingReader<TResponse>(call.ResponseStream, this),
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    internal Exception Translate(RpcException ex)
    {
        // A call that never reached the daemon: say so in the words a user can act on.
        if (ex.StatusCode == StatusCode.Unavailable && ex.Status.DebugException is HttpRequestException)
        {
            return new UnavailableException(
                $"cannot connect to the berth daemon at unix://{address}: is berthd running? (start it with ./install.sh or berthd, or set --address)", ex);
        }

        return ErrorCodes.FromRpcException(ex);
    }

    private ClientInterceptorContext<TRequest, TResponse> WithNamespace<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class where TResponse : class
    {
        var headers = context.Options.Headers ?? [];
        if (headers.Get(NamespaceHeader) is null)
        {
            headers.Add(NamespaceHeader, @namespace);
        }

        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }

    private async Task<TResponse> Map<TResponse>(Task<TResponse> response)
    {
        try
        {
            return await response.ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw Translate(ex);
        }
    }

    private sealed class MappingReader<T>(IAsyncStreamReader<T> inner, ClientInterceptor owner) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            try
            {
                return await inner.MoveNext(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                throw owner.Translate(ex);
            }
        }
    }

    // A write to a call the daemon has failed throws the call's status: map it as the reads are, so an attach's
    // stdin write reports the daemon's error in berth's terms. A write to a call that ended well throws an OK status,
    // which is no error of the daemon's: it is left as it is for the caller to recognise.
    private sealed class MappingWriter<T>(IClientStreamWriter<T> inner, ClientInterceptor owner) : IClientStreamWriter<T>
    {
        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

        public async Task WriteAsync(T message, CancellationToken cancellationToken)
        {
            try
            {
                await inner.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.OK)
            {
                throw owner.Translate(ex);
            }
        }

        public async Task CompleteAsync()
        {
            try
            {
                await inner.CompleteAsync().ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.OK)
            {
                throw owner.Translate(ex);
            }
        }
    }
}
