using Berth.Core.Errors;
using Berth.Ttrpc.Protocol;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Ttrpc;

/// <summary>Serves one ttrpc method: the request's payload in, the response message out.</summary>
public delegate Task<IMessage> TtrpcHandler(ByteString payload, TtrpcCallContext context);

/// <summary>
/// A ttrpc server (containerd/ttrpc's Server): handlers registered per (service, method), served on unix sockets,
/// many connections, each with many calls in flight. Register, then <see cref="Listen"/> or <see cref="Serve"/>;
/// <see cref="ShutdownAsync"/> stops accepting and lets running calls finish.
/// </summary>
public sealed partial class TtrpcServer(ILogger<TtrpcServer>? logger = null) : IAsyncDisposable
{
    private readonly ILogger _logger = logger ?? NullLogger<TtrpcServer>.Instance;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, TtrpcHandler>> _services = new(StringComparer.Ordinal);

    /// <summary>Serves <paramref name="service"/>/<paramref name="method"/> with a handler of raw payloads.</summary>
    /// <exception cref="AlreadyExistsException">The method has a handler already.</exception>
    public void Register(string service, string method, TtrpcHandler handler)
    {
        lock (_gate)
        {
            if (!_services.TryGetValue(service, out var methods))
            {
                _services[service] = methods = new(StringComparer.Ordinal);
            }

            if (!methods.TryAdd(method, handler))
            {
                throw new AlreadyExistsException($"ttrpc method {service}/{method} is registered twice: register each method once");
            }
        }
    }

    /// <summary>Serves a method with typed messages: the request is parsed with <paramref name="parser"/>.</summary>
    public void Register<TRequest, TResponse>(string service, string method, MessageParser<TRequest> parser,
        Func<TRequest, TtrpcCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage
        => Register(service, method, async (payload, context) =>
        {
            TRequest request;
            try
            {
                request = parser.ParseFrom(payload);
            }
            catch (InvalidProtocolBufferException ex)
            {
                // ttrpc answers an undecodable payload with Internal.
                throw new InternalException($"ttrpc: error unmarshalling payload of {service}/{method}: {ex.Message}", ex);
            }

            return await handler(request, context);
        });

    internal Task<IMessage> DispatchAsync(Request request, TtrpcCallContext context)
    {
        TtrpcHandler? handler;
        lock (_gate)
        {
            // The same answers, in the same order, as ttrpc's resolve: the service first, then the method.
            if (!_services.TryGetValue(request.Service, out var methods))
            {
                throw new UnimplementedException($"service {request.Service}");
            }

            if (!methods.TryGetValue(request.Method, out handler))
            {
                throw new UnimplementedException($"method {request.Method}");
            }
        }

        return handler(request.Payload, context);
    }

    [LoggerMessage(1, LogLevel.Warning, "ttrpc: accepting on {Socket} failed")]
    private static partial void LogAcceptFailed(ILogger logger, string socket, Exception exception);

    [LoggerMessage(2, LogLevel.Error, "ttrpc: {Service}/{Method} failed unexpectedly")]
    internal static partial void LogHandlerFailed(ILogger logger, string service, string method, Exception exception);

    [LoggerMessage(3, LogLevel.Debug, "ttrpc: connection ended with an error")]
    internal static partial void LogConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "ttrpc: dropped a frame of type {Type} on stream {StreamId}")]
    internal static partial void LogFrameIgnored(ILogger logger, byte type, uint streamId);
}
