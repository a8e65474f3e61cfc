using Berth.Api.Conversions;
using Berth.Core.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Berth.Services.Grpc;

/// <summary>Turns every failure of a service into the gRPC status the client expects; the only place that does.</summary>
internal sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    private const int NoSpaceErrno = 28;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    private RpcException Map(Exception ex, ServerCallContext context)
    {
        var status = ex switch
        {
            BerthException b => new Status(ErrorCodes.ToStatusCode(b.Kind), b.Message),
            OperationCanceledException when context.CancellationToken.IsCancellationRequested => new Status(StatusCode.Cancelled, "the call was cancelled"),
            IOException io when io.HResult == NoSpaceErrno =>
                new Status(StatusCode.ResourceExhausted, $"{io.Message}: the disk is full; free space and retry"),
            _ => new Status(StatusCode.Internal, ex.Message),
        };
        if (status.StatusCode == StatusCode.Internal)
        {
            LogInternal(logger, context.Method, ex);
        }

        return new RpcException(status);
    }

    [LoggerMessage(1, LogLevel.Error, "{Method} failed")]
    private static partial void LogInternal(ILogger logger, string method, Exception exception);
}
